package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.ItemUnavailableException;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlansTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @TempDir Path dir;

  /** A plan only holds its source; binding never calls it. */
  private static final PhotoSource UNUSED = new PhotoSource() {
    @Override public void listUpdated(Instant since, Consumer<? super RemoteItem> sink) { throw new AssertionError(); }
    @Override public void listFavorites(Instant since, Consumer<? super RemoteItem> sink) { throw new AssertionError(); }
    @Override public List<Album> albums() { throw new AssertionError(); }
    @Override public void listAlbumMembers(Album album, Consumer<? super PhotoId> sink) { throw new AssertionError(); }
    @Override public Optional<RemoteItem> item(PhotoId id) { throw new AssertionError(); }
    @Override public List<String> albumIdsOf(PhotoId id) { throw new AssertionError(); }
    @Override public URI mediaUrl(RemoteItem item) { throw new AssertionError(); }
    @Override public MediaContent openMedia(RemoteItem item) throws ItemUnavailableException { throw new AssertionError(); }
    @Override public long apiCalls() { return 0; }
  };

  private BackupPlan plan(String... args) throws CliException {
    BackupOptions o = Cli.parse(Cli.env(dir, Map.of()), args);
    return Plans.from(o, o.destination, UNUSED, List.of(), BackupListener.NONE, BERLIN);
  }

  @Test
  void mirrorAtticAndMaxDeleteBindToThePlan() throws CliException {
    BackupPlan plan = plan("--mirror", "--attic", "attic", "--max-delete", "7", dir.toString());
    assertThat(plan.mirror()).isTrue();
    assertThat(plan.attic()).contains(Path.of("attic").toAbsolutePath());
    assertThat(plan.maxDelete()).isEqualTo(7);
    assertThat(plan.maxDeleteGiven()).isTrue();
    BackupPlan plain = plan("--mirror", dir.toString());
    assertThat(plain.maxDelete()).isEqualTo(BackupPlan.Builder.DEFAULT_MAX_DELETE);
    assertThat(plain.maxDeleteGiven()).isFalse();
    assertThat(plain.attic()).isEmpty();
    assertThat(plan(dir.toString()).mirror()).isFalse();
  }

  @Test
  void noModeContinuesFromTheLastRun() throws CliException {
    BackupPlan plan = plan(dir.toString());
    assertThat(plan.selection()).isEqualTo(Selection.sinceLastRun());
    assertThat(plan.destination()).contains(dir.toAbsolutePath().normalize());
  }

  @Test
  void fromIsTheStartOfThatDayInTheLocalZone() throws CliException {
    assertThat(plan("-f", "2012-02-28", dir.toString()).selection())
        .isEqualTo(Selection.updatedSince(Instant.parse("2012-02-27T23:00:00Z")));
  }

  @Test
  void favoritesCombinesWithFromOrStandsAlone() throws CliException {
    assertThat(plan("--favorites", "-f", "2012-02-28", dir.toString()).selection())
        .isEqualTo(Selection.favoritesSince(Instant.parse("2012-02-27T23:00:00Z")));
    assertThat(plan("--favorites", dir.toString()).selection()).isEqualTo(Selection.favorites());
  }

  @Test
  void downloadSelectsTheIdsOfTheFile() throws CliException, IOException {
    Path ids = Files.writeString(dir.resolve("errors.txt"), "1001\n# later\n\n1002\n1001\n");
    assertThat(plan("-d", ids.toString(), dir.toString()).selection())
        .isEqualTo(Selection.ids(List.of(PhotoId.of("1001"), PhotoId.of("1002"))));
  }

  @Test
  void demoTakesEverything() throws CliException {
    assertThat(plan("--demo", dir.toString()).selection()).isEqualTo(Selection.updatedSince(Instant.EPOCH));
  }

  @Test
  void flagsBindToThePlan() throws CliException {
    Path errors = dir.resolve("errors.txt");
    BackupPlan plan = plan("-o", "-k", "-r", "3", "-e", errors.toString(), "--dry-run", "--single-threaded",
        dir.toString());
    assertThat(plan.storeOnce()).isTrue();
    assertThat(plan.keepExisting()).isTrue();
    assertThat(plan.retries()).isEqualTo(3);
    assertThat(plan.errorFile()).contains(errors.toAbsolutePath());
    assertThat(plan.dryRun()).isTrue();
    assertThat(plan.threads()).isEqualTo(1);
    assertThat(plan("--threads", "12", dir.toString()).threads()).isEqualTo(12);
  }

  @Test
  void withoutFlagsThePythonDefaultsAndCoresDefaultsHold() throws CliException {
    BackupPlan plan = plan(dir.toString());
    BackupPlan core = BackupPlan.builder().source(UNUSED).destination(dir).build();
    assertThat(plan.retries()).isEqualTo(1);
    assertThat(plan.threads()).isEqualTo(core.threads());
    assertThat(plan.storeOnce()).isFalse();
    assertThat(plan.keepExisting()).isFalse();
    assertThat(plan.dryRun()).isFalse();
    assertThat(plan.errorFile()).isEmpty();
  }

  @Test
  void aBadIdFileStopsTheBinding() throws IOException {
    Path ids = Files.writeString(dir.resolve("ids.txt"), "1001\n../etc/passwd\n");
    assertThatThrownBy(() -> plan("-d", ids.toString(), dir.toString()))
        .isInstanceOf(CliException.class)
        .hasMessage(ids + ":2: '../etc/passwd' is not a Flickr photo id (1 to 20 digits)");
  }
}
