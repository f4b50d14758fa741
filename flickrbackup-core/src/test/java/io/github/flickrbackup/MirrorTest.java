package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flickrbackup.MirrorMove.Reason;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --mirror}: what changed on Flickr (driven by the fake's mutations) reaches the
 * layout by moves, into the attic or a renamed album's folder, never by deleting; and the
 * safety rules stop it with nothing moved.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MirrorTest {
  static final String HOLIDAYS = "72157600000000001";
  static final String WORK = "72157600000000002";

  FakeFlickr fake;
  @TempDir Path dir;
  Path dest;

  @BeforeEach
  void start() {
    fake = FakeFlickr.builder().account(FakeAccount.builder()
        .set(HOLIDAYS, "Holidays")
        .set(WORK, "Work")
        .photo("1001", p -> p.taken("2012-02-28 10:00:00").inSets(HOLIDAYS))
        .photo("1002", p -> p.taken("2012-02-28 11:00:00").inSets(HOLIDAYS))
        .photo("1003", p -> p.taken("2012-02-28 12:00:00").inSets(HOLIDAYS))
        .photo("1004", p -> p.taken("2013-03-01 12:00:00").inSets(WORK))
        .photo("1005", p -> p.taken("2014-04-04 12:00:00"))
        .photo("1006", p -> p.taken("2015-05-05 12:00:00").inSets(HOLIDAYS, WORK))
        .build()).build();
    fake.start();
    dest = dir.resolve("dest");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build();
  }

  BackupPlan.Builder plan() {
    return BackupPlan.builder().source(source()).destination(dest).selection(Selection.sinceLastRunOr(Instant.EPOCH));
  }

  /** A first, plain backup of everything; then the fake's counters start from zero. */
  void backUpEverything() throws Exception {
    assertThat(FlickrBackup.run(plan().build()).complete()).isTrue();
    fake.stats().reset();
  }

  /** Every file under a folder, relative to it, with the state folder left out. */
  static List<String> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .filter(p -> !p.startsWith(".flickrbackup/") && !p.equals(".stamp"))
          .sorted().collect(Collectors.toList());
    }
  }

  /** The attic's files, relative to its one run folder. */
  List<String> attic() throws IOException {
    Path attic = dest.resolve(".flickrbackup/attic");
    if (!Files.exists(attic)) {
      return List.of();
    }
    try (Stream<Path> runs = Files.list(attic)) {
      List<Path> all = runs.collect(Collectors.toList());
      assertThat(all).hasSize(1);
      assertThat(all.get(0).getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3}Z");
      return files(all.get(0));
    }
  }

  static List<String> withTxt(String... media) {
    List<String> out = new ArrayList<>();
    for (String m : media) {
      out.add(m);
      out.add(m + ".txt");
    }
    Collections.sort(out);
    return out;
  }

  List<Catalog.MoveRow> catalogMoves() throws Exception {
    try (Catalog c = Catalog.open(dest.resolve(".flickrbackup/catalog.db"))) {
      return c.moves();
    }
  }

  @Test
  void deletedAndMovedItemsGoToTheAtticAndNothingElseMoves() throws Exception {
    backUpEverything();
    List<String> before = files(dest);
    fake.account().delete("1002");                      // deleted on Flickr
    fake.account().moveToSet("1003", HOLIDAYS, WORK);   // moved between sets
    fake.account().moveToSet("1006", HOLIDAYS, null);   // taken out of its first set, still in the other

    BackupResult r = FlickrBackup.run(plan().mirror(true).build());

    assertThat(r.mirror().refusal()).isEmpty();
    assertThat(attic()).containsExactlyElementsOf(withTxt("Holidays/2012/02/28/1002.jpg",
        "Holidays/2012/02/28/1003.jpg", "Holidays/2015/05/05/1006.jpg"));
    List<String> expected = new ArrayList<>(before);
    expected.removeAll(withTxt("Holidays/2012/02/28/1002.jpg", "Holidays/2012/02/28/1003.jpg",
        "Holidays/2015/05/05/1006.jpg"));
    expected.addAll(withTxt("Work/2012/02/28/1003.jpg"));
    Collections.sort(expected);
    assertThat(files(dest)).containsExactlyElementsOf(expected);
    // Moved, not downloaded: the item moved between sets is linked from its old home.
    assertThat(fake.stats().mediaRequests()).isZero();
    assertThat(r.mirror().moves()).extracting(m -> m.item().value() + " " + m.reason()).containsExactly(
        "1002 DELETED_ON_FLICKR", "1003 REMOVED_FROM_ALBUM", "1006 REMOVED_FROM_ALBUM");
    assertThat(r.mirror().itemsToAttic()).isEqualTo(3);
    assertThat(r.mirror().moves().get(0).to())
        .startsWith(".flickrbackup/attic/").endsWith("/Holidays/2012/02/28/1002.jpg");
    // The catalog records every file's move, media and metadata, all done.
    assertThat(catalogMoves()).extracting(m -> m.from()).containsExactlyInAnyOrderElementsOf(
        withTxt("Holidays/2012/02/28/1002.jpg", "Holidays/2012/02/28/1003.jpg", "Holidays/2015/05/05/1006.jpg"));
    assertThat(dest.resolve("Holidays/2012/02/28/1001.jpg")).exists();
    // report.json lists the run's moves, as the result does.
    assertThat(reportedMoves()).containsExactly("1002 DELETED_ON_FLICKR", "1003 REMOVED_FROM_ALBUM",
        "1006 REMOVED_FROM_ALBUM");

    // A second mirror finds nothing more to do.
    fake.stats().reset();
    BackupResult again = FlickrBackup.run(plan().mirror(true).build());
    assertThat(again.mirror().moves()).isEmpty();
    assertThat(fake.stats().mediaRequests()).isZero();
  }

  @Test
  void sidecarsNamedByReplacingTheExtensionAreNotTakenForMediaAndMoveWithTheirItem() throws Exception {
    List<io.github.flickrbackup.metadata.MetadataWriter> xmp =
        List.of(io.github.flickrbackup.metadata.MetadataWriters.xmpSidecar(
            io.github.flickrbackup.metadata.XmpNaming.LIGHTROOM));
    assertThat(FlickrBackup.run(plan().metadataWriters(xmp).build()).complete()).isTrue();
    assertThat(dest.resolve("Holidays/2012/02/28/1001.xmp")).exists();
    fake.account().delete("1002");

    BackupResult r = FlickrBackup.run(plan().metadataWriters(xmp).mirror(true).build());

    // 1001.xmp of a listed item is no stray media file; 1002's sidecar leaves with its media.
    assertThat(r.mirror().moves()).extracting(m -> m.item().value() + " " + m.reason())
        .containsExactly("1002 DELETED_ON_FLICKR");
    assertThat(dest.resolve("Holidays/2012/02/28/1001.xmp")).exists();
    assertThat(attic()).contains("Holidays/2012/02/28/1002.jpg", "Holidays/2012/02/28/1002.xmp");
  }

  @Test
  void aRenamedAlbumsFolderIsRenamedWithoutADownload() throws Exception {
    backUpEverything();
    List<String> before = files(dest);
    Object inode = Files.getAttribute(dest.resolve("Holidays/2012/02/28/1001.jpg"), "unix:ino");
    fake.account().renameSet(HOLIDAYS, "Summer 2012");

    BackupResult r = FlickrBackup.run(plan().mirror(true).build());

    assertThat(fake.stats().mediaRequests()).isZero();
    assertThat(r.downloaded()).isZero();
    assertThat(dest.resolve("Holidays")).doesNotExist();
    List<String> expected = before.stream().map(p -> p.replaceFirst("^Holidays/", "Summer 2012/")).sorted()
        .collect(Collectors.toList());
    assertThat(files(dest)).containsExactlyElementsOf(expected);
    // The same file, moved: not a copy.
    assertThat(Files.getAttribute(dest.resolve("Summer 2012/2012/02/28/1001.jpg"), "unix:ino")).isEqualTo(inode);
    assertThat(attic()).isEmpty();
    assertThat(r.mirror().moves()).extracting(MirrorMove::reason).containsOnly(Reason.ALBUM_RENAMED).hasSize(4);
    assertThat(r.mirror().itemsToAttic()).isZero();
    assertThat(catalogMoves()).hasSize(8); // 4 media files and their .txt
    // The catalog follows: the next run has nothing to do.
    fake.stats().reset();
    BackupResult next = FlickrBackup.run(plan().mirror(true).build());
    assertThat(next.metadataOnly() + next.downloaded()).isZero();
    assertThat(next.mirror().moves()).isEmpty();
  }

  @Test
  void anItemDeletedFromARenamedAlbumGoesToTheAtticUnderItsOldPath() throws Exception {
    backUpEverything();
    fake.account().delete("1001");
    fake.account().moveToSet("1002", HOLIDAYS, WORK);
    fake.account().renameSet(HOLIDAYS, "Summer");

    BackupResult r = FlickrBackup.run(plan().mirror(true).build());

    assertThat(attic()).containsExactlyElementsOf(withTxt("Holidays/2012/02/28/1001.jpg",
        "Holidays/2012/02/28/1002.jpg"));
    assertThat(dest.resolve("Holidays")).doesNotExist();
    assertThat(dest.resolve("Summer/2012/02/28/1003.jpg")).exists();
    assertThat(dest.resolve("Summer/2015/05/05/1006.jpg")).exists();
    assertThat(dest.resolve("Work/2012/02/28/1002.jpg")).exists();
    assertThat(r.mirror().moves()).extracting(m -> m.item().value() + " " + m.reason()).containsExactly(
        "1003 ALBUM_RENAMED", "1006 ALBUM_RENAMED", "1001 DELETED_ON_FLICKR", "1002 REMOVED_FROM_ALBUM");
    assertThat(fake.stats().mediaRequests()).isZero();
  }

  @Test
  void aDeletedAlbumsCopiesGoToTheAttic() throws Exception {
    backUpEverything();
    fake.account().deleteSet(WORK);

    BackupResult r = FlickrBackup.run(plan().mirror(true).build());

    assertThat(attic()).containsExactlyElementsOf(withTxt("Work/2013/03/01/1004.jpg", "Work/2015/05/05/1006.jpg"));
    assertThat(dest.resolve("2013/03/01/1004.jpg")).exists(); // now in no album: its new home
    assertThat(dest.resolve("Holidays/2015/05/05/1006.jpg")).exists();
    assertThat(dest.resolve("Work")).doesNotExist(); // emptied folders are removed
    assertThat(r.mirror().moves()).extracting(MirrorMove::reason).containsOnly(Reason.ALBUM_DELETED);
    assertThat(fake.stats().mediaRequests()).isZero();
  }

  @Test
  void replacedMediaIsFetchedAgainAndNothingGoesToTheAttic() throws Exception {
    backUpEverything();
    fake.account().replaceMedia("1001");

    BackupResult r = FlickrBackup.run(plan().mirror(true).build());

    assertThat(r.updated()).isEqualTo(1);
    assertThat(fake.stats().downloads("1001")).isEqualTo(1);
    assertThat(r.mirror().moves()).isEmpty();
    assertThat(attic()).isEmpty();
  }

  @Test
  void moreThanMaxDeleteItemsMovesNothingAndSaysHowToAllowIt() throws Exception {
    backUpEverything();
    List<String> before = files(dest);
    fake.account().delete("1001");
    fake.account().delete("1002");
    fake.account().moveToSet("1004", WORK, HOLIDAYS);

    BackupResult r = FlickrBackup.run(plan().mirror(true).maxDelete(2).build());

    assertThat(r.mirror().refusal()).hasValueSatisfying(m -> assertThat(m).contains("3 items").contains("--max-delete 3"));
    assertThat(r.mirror().itemsToAttic()).isEqualTo(3); // what it would have moved
    assertThat(attic()).isEmpty();
    // Nothing left the layout; the moved item was only linked into its new album.
    List<String> expected = new ArrayList<>(before);
    expected.addAll(withTxt("Holidays/2013/03/01/1004.jpg"));
    Collections.sort(expected);
    assertThat(files(dest)).containsExactlyElementsOf(expected);
    assertThat(catalogMoves()).isEmpty();
    assertThat(reportedMoves()).isEmpty(); // a refused mirror moved nothing, so the report lists nothing

    // Allowed explicitly, the same changes are applied.
    BackupResult allowed = FlickrBackup.run(plan().mirror(true).maxDelete(3).build());
    assertThat(allowed.mirror().refusal()).isEmpty();
    assertThat(attic()).containsExactlyElementsOf(withTxt("Holidays/2012/02/28/1001.jpg",
        "Holidays/2012/02/28/1002.jpg", "Work/2013/03/01/1004.jpg"));
  }

  @Test
  void anIncompleteListingMovesNothing() throws Exception {
    // A short page is never the last one: the listing needs a second page of 500.
    for (int i = 0; i < 500; i++) {
      fake.account().addPhoto(String.valueOf(5000 + i), p -> p.taken("2017-01-01 00:00:00").bytes(2_000));
    }
    backUpEverything();
    List<String> before = files(dest);
    fake.account().delete("1005");
    // One item of the page goes missing: it would look deleted.
    fake.faults(Fault.shortPage(1).forMethod("flickr.people.getPhotos"));

    BackupResult r = FlickrBackup.run(plan().mirror(true).build());

    assertThat(r.listingComplete()).isFalse();
    assertThat(r.mirror().refusal()).hasValueSatisfying(m -> assertThat(m).contains("not confirmed complete"));
    assertThat(r.mirror().moves()).isEmpty();
    assertThat(attic()).isEmpty();
    assertThat(files(dest)).containsExactlyElementsOf(before);
    assertThat(catalogMoves()).isEmpty();
  }

  @Test
  void aListingWithLessThanHalfTheKnownItemsIsTakenAsAFault() throws Exception {
    for (int i = 0; i < 10; i++) {
      String id = String.valueOf(3000 + i);
      fake.account().addPhoto(id, p -> p.taken("2016-01-01 00:00:00"));
    }
    backUpEverything();
    List<String> before = files(dest);
    for (int i = 0; i < 10; i++) {
      fake.account().delete(String.valueOf(3000 + i)); // 16 known, 6 listed
    }

    BackupResult r = FlickrBackup.run(plan().mirror(true).build());

    assertThat(r.mirror().refusal()).hasValueSatisfying(m -> assertThat(m)
        .contains("Flickr listed 6 items, less than half of the 16").contains("--max-delete 10"));
    assertThat(files(dest)).containsExactlyElementsOf(before);

    BackupResult allowed = FlickrBackup.run(plan().mirror(true).maxDelete(10).build());
    assertThat(allowed.mirror().refusal()).isEmpty();
    assertThat(allowed.mirror().itemsToAttic()).isEqualTo(10);
    assertThat(attic()).hasSize(20);
  }

  @Test
  void aDryRunListsEveryMoveAndMovesNothing() throws Exception {
    backUpEverything();
    List<String> before = files(dest);
    fake.account().delete("1002");
    fake.account().renameSet(WORK, "Office");
    fake.account().moveToSet("1003", HOLIDAYS, null);

    BackupResult r = FlickrBackup.run(plan().mirror(true).dryRun(true).build());

    assertThat(r.dryRun()).isTrue();
    assertThat(r.mirror().refusal()).isEmpty();
    assertThat(r.mirror().moves()).extracting(m -> m.reason() + " " + m.from() + " -> "
        + m.to().replaceFirst("attic/[^/]+/", "attic/RUN/")).containsExactlyInAnyOrder(
        "ALBUM_RENAMED Work/2013/03/01/1004.jpg -> Office/2013/03/01/1004.jpg",
        "ALBUM_RENAMED Work/2015/05/05/1006.jpg -> Office/2015/05/05/1006.jpg",
        "DELETED_ON_FLICKR Holidays/2012/02/28/1002.jpg -> .flickrbackup/attic/RUN/Holidays/2012/02/28/1002.jpg",
        "REMOVED_FROM_ALBUM Holidays/2012/02/28/1003.jpg -> .flickrbackup/attic/RUN/Holidays/2012/02/28/1003.jpg");
    assertThat(files(dest)).containsExactlyElementsOf(before);
    assertThat(dest.resolve(".flickrbackup/attic")).doesNotExist();
    assertThat(catalogMoves()).isEmpty();
    assertThat(fake.stats().mediaRequests()).isZero();
  }

  @Test
  void anUnfavedItemGoesToTheAttic() throws Exception {
    fake.account().addFavorite("2001", "99999999@N00", f -> f.taken("2010-01-02 03:04:05"));
    fake.account().addFavorite("2002", "99999999@N00", f -> f.taken("2010-01-03 03:04:05"));
    assertThat(FlickrBackup.run(plan().selection(Selection.favorites()).build()).complete()).isTrue();
    fake.account().unfave("2002");

    BackupResult r = FlickrBackup.run(plan().selection(Selection.favorites()).mirror(true).build());

    assertThat(r.mirror().moves()).extracting(m -> m.item().value() + " " + m.reason())
        .containsExactly("2002 UNFAVED");
    assertThat(attic()).containsExactlyElementsOf(withTxt("2010/01/03/2002.jpg"));
    assertThat(files(dest)).containsExactlyElementsOf(withTxt("2010/01/02/2001.jpg"));
  }

  @Test
  void anAdoptedDestinationLearnsItsAlbumsBeforeAnythingMoves() throws Exception {
    backUpEverything();
    // The Python tool's backup: the same files, no catalog (album memberships unknown).
    try (Stream<Path> s = Files.walk(dest.resolve(".flickrbackup"))) {
      s.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Files.writeString(dest.resolve(".stamp"), "2000-01-01");
    fake.account().moveToSet("1001", HOLIDAYS, WORK);

    BackupResult r = FlickrBackup.run(plan().selection(Selection.sinceLastRun()).mirror(true).build());

    assertThat(fake.stats().apiCalls("flickr.photosets.getPhotos")).isEqualTo(2);
    assertThat(fake.stats().mediaRequests()).isZero();
    assertThat(r.mirror().moves()).extracting(m -> m.item().value() + " " + m.reason() + " " + m.from())
        .containsExactly("1001 REMOVED_FROM_ALBUM Holidays/2012/02/28/1001.jpg");
    assertThat(dest.resolve("Work/2012/02/28/1001.jpg")).exists();
  }

  /**
   * What mirroring costs in API calls: a full listing (one people.getPhotos call per 500 items)
   * and every album's members (one call per album), where an unchanged plain run makes one
   * recentlyUpdated call. Printed, and checked call by call.
   */
  @Test
  void aMirrorRunCostsOneCallPer500ItemsAndOnePerAlbum() throws Exception {
    fake.close();
    fake = FakeFlickr.builder().account(FakeAccount.generate(io.github.flickrbackup.testkit.AccountSpec.seed(7)
        .photos(1200).sets(5).videoShare(0).averageBytes(4_096))).build();
    fake.start();
    backUpEverything();

    BackupResult plain = FlickrBackup.run(plan().build());
    Map<String, Long> plainCalls = fake.stats().apiCallsByMethod();
    fake.stats().reset();
    BackupResult mirrored = FlickrBackup.run(plan().mirror(true).build());
    Map<String, Long> mirrorCalls = fake.stats().apiCallsByMethod();

    System.out.printf("API calls, 1200 items in 5 albums, nothing changed: plain run %d %s, mirror run %d %s%n",
        plain.apiCalls(), new TreeMap<>(plainCalls), mirrored.apiCalls(), new TreeMap<>(mirrorCalls));
    assertThat(mirrorCalls.get("flickr.people.getPhotos")).isEqualTo(3L);       // ceil(1200 / 500)
    assertThat(mirrorCalls.get("flickr.photosets.getPhotos")).isEqualTo(5L);    // one per album
    assertThat(mirrorCalls.get("flickr.photosets.getList")).isEqualTo(1L);
    assertThat(mirrorCalls).doesNotContainKey("flickr.photos.recentlyUpdated");
    assertThat(plainCalls).doesNotContainKeys("flickr.people.getPhotos", "flickr.photosets.getPhotos");
    assertThat(mirrored.mirror().moves()).isEmpty();
    assertThat(fake.stats().mediaRequests()).isZero();
  }

  @Test
  void aPlanRefusesMirroringExplicitIdsAndAnAtticWithoutMirror() {
    assertThatThrownBy(() -> plan().selection(Selection.ids(List.of(io.github.flickrbackup.source.PhotoId.of("1"))))
        .mirror(true).build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("explicit ids");
    assertThatThrownBy(() -> plan().attic(dir.resolve("attic")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("mirror(true)");
    assertThatThrownBy(() -> plan().maxDelete(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAtticElsewhereOnTheSameFileSystemKeepsThePathsAsTheyWere() throws Exception {
    backUpEverything();
    fake.account().delete("1005");
    Path attic = dir.resolve("elsewhere/attic");

    BackupResult r = FlickrBackup.run(plan().mirror(true).attic(attic).build());

    assertThat(r.mirror().moves()).singleElement().satisfies(m -> assertThat(m.to()).startsWith(attic.toString()));
    try (Stream<Path> runs = Files.list(attic)) {
      Path run = runs.findFirst().orElseThrow();
      assertThat(files(run)).containsExactlyElementsOf(withTxt("2014/04/04/1005.jpg"));
    }
    assertThat(dest.resolve("2014/04/04/1005.jpg")).doesNotExist();
  }

  @Test
  void anAtticOnAnotherFileSystemIsRefusedBeforeTheRun() throws Exception {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
        && !Files.getFileStore(shm).equals(Files.getFileStore(dir)), "needs /dev/shm on another file system than the temp folder");
    backUpEverything();
    Path attic = Files.createTempDirectory(shm, "flickrbackup-attic");
    try {
      assertThatThrownBy(() -> FlickrBackup.run(plan().mirror(true).attic(attic).build()))
          .isInstanceOf(StoreException.class).hasMessageContaining("another file system")
          .hasMessageContaining(attic.toString());
      assertThat(fake.stats().apiCalls()).isZero();
    } finally {
      Files.deleteIfExists(attic);
    }
  }


  /** The moves that report.json lists, as "ID REASON". */
  private List<String> reportedMoves() throws IOException {
    com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dest.resolve(".flickrbackup/report.json").toFile());
    List<String> moves = new ArrayList<>();
    report.get("moved").forEach(m -> moves.add(m.get("id").asText() + " " + m.get("reason").asText()));
    return moves;
  }
}
