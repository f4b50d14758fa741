package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --xmp} and {@code --xmp-naming}, from the command line to the files of a real run. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XmpFlagsTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.builder()
      .set("100", "Trips")
      .photo("1001", p -> p.title("Robot").taken("2011-04-02 18:55:46").inSets("100"))
      .photo("1002", p -> p.title("Loose").taken("2011-04-03 10:00:00"))
      .build()).build();

  @TempDir Path home;
  @TempDir Path work;

  private Cli.Run backup(String... args) {
    return Cli.runAgainst(fake, home, args);
  }

  private static List<String> names(Path dest) throws Exception {
    try (Stream<Path> s = Files.walk(dest)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.startsWith(dest.resolve(".flickrbackup")))
          .map(p -> dest.relativize(p).toString()).filter(n -> !n.equals(".stamp")).sorted().toList();
    }
  }

  @Test
  void xmpWritesIdExtXmpBesideTheTxt() throws Exception {
    Path dest = work.resolve("photos");
    Cli.Run r = backup("--xmp", "-f", "1990-01-01", dest.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(names(dest)).containsExactly("2011/04/03/1002.jpg", "2011/04/03/1002.jpg.txt",
        "2011/04/03/1002.jpg.xmp", "Trips/2011/04/02/1001.jpg", "Trips/2011/04/02/1001.jpg.txt",
        "Trips/2011/04/02/1001.jpg.xmp");
    assertThat(Files.readString(dest.resolve("Trips/2011/04/02/1001.jpg.xmp")))
        .contains("<x:xmpmeta", "Robot", "2011-04-02T18:55:46");
  }

  @Test
  void xmpNamingLightroomWritesIdXmpAndImpliesXmp() throws Exception {
    Path dest = work.resolve("photos");
    Cli.Run r = backup("--xmp-naming", "Lightroom", "--json-metadata", "-f", "1990-01-01", dest.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(names(dest)).containsExactly("2011/04/03/1002.jpg", "2011/04/03/1002.jpg.json",
        "2011/04/03/1002.jpg.txt", "2011/04/03/1002.xmp", "Trips/2011/04/02/1001.jpg",
        "Trips/2011/04/02/1001.jpg.json", "Trips/2011/04/02/1001.jpg.txt", "Trips/2011/04/02/1001.xmp");
  }

  @Test
  void withoutXmpNoSidecarIsWritten() throws Exception {
    Path dest = work.resolve("photos");
    assertThat(backup("-f", "1990-01-01", dest.toString()).status()).isZero();
    assertThat(names(dest)).noneMatch(n -> n.endsWith(".xmp"));
  }

  @Test
  void anUnknownNamingIsOneLineNamingTheChoicesAndStatus1() {
    Cli.Run r = backup("--xmp-naming", "picasa", work.resolve("photos").toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("'picasa' is not an XMP naming: darktable (ID.EXT.xmp) or lightroom (ID.xmp)");
    assertThat(work.resolve("photos")).doesNotExist();
  }
}
