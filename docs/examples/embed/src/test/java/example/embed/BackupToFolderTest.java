package example.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FileTokenStore;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.TokenStore;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.MediaFormat;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the program against the testkit's fake Flickr: real OAuth, real REST, real downloads. */
@Timeout(120)
class BackupToFolderTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.builder()
          .owner("12345678@N00", "alice", "Alice Example")
          .set("72157600000000001", "Holidays", s -> {})
          .photo("1001", p -> p.title("Robot").taken("2011-04-02 18:55:46").bytes(20_000)
              .inSets("72157600000000001"))
          .photo("1002", p -> p.title("Beach").taken("2012-07-14 10:00:00").format(MediaFormat.PNG))
          .video("1003", v -> v.title("Waves").taken("2012-07-14 10:05:00").format(MediaFormat.MP4).bytes(80_000))
          .build())
      .consumer("my-key", "my-secret")
      .build();

  @TempDir Path dir;

  private final ApiKey key = new ApiKey("my-key", "my-secret");
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  /**
   * Plays the person at the keyboard: reads the page address the program printed, "opens" it
   * (the fake approves the request token), and types the code the fake shows.
   */
  private final class Person extends Reader {
    int codesTyped;
    private String pending = "";

    @Override
    public int read(char[] buf, int off, int len) {
      if (pending.isEmpty()) {
        Matcher m = Pattern.compile("oauth_token=([^&\\s]+)").matcher(printed.toString(StandardCharsets.UTF_8));
        String requestToken = null;
        while (m.find()) {
          requestToken = m.group(1);
        }
        assertThat(requestToken).as("the program printed no authorisation page before reading").isNotNull();
        pending = fake.approve(requestToken) + "\n";
        codesTyped++;
      }
      int n = Math.min(len, pending.length());
      pending.getChars(0, n, buf, off);
      pending = pending.substring(n);
      return n;
    }

    @Override
    public void close() {}
  }

  private BackupResult run(Person person, TokenStore tokens) throws Exception {
    return BackupToFolder.backup(FlickrEndpoint.at(fake.baseUrl()), key, tokens, dir.resolve("photos"),
        new BufferedReader(person), out);
  }

  private static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }

  private Path find(String fileName) throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("photos"))) {
      return files.filter(p -> p.getFileName().toString().equals(fileName)).findFirst()
          .orElseThrow(() -> new AssertionError(fileName + " is not in the backup"));
    }
  }

  @Test
  void theFirstRunAuthorisesOnceSavesTheTokenAndBacksUpEverything() throws Exception {
    Person person = new Person();
    TokenStore tokens = FileTokenStore.inFolder(dir.resolve("home/.flickr"));

    BackupResult result = run(person, tokens);

    assertThat(person.codesTyped).isEqualTo(1);
    assertThat(result.complete()).isTrue();
    assertThat(result.downloaded()).isEqualTo(3);
    for (FakeItem item : fake.account().items()) {
      Path media = find(item.fileName());
      assertThat(sha256(media)).as(item.id()).isEqualTo(item.sha256());
      assertThat(media.resolveSibling(item.fileName() + ".txt")).exists();
    }
    assertThat(find("1001.jpg").toString()).contains("Holidays/2011/04/02");
    Path tokenFile = dir.resolve("home/.flickr/" + FileTokenStore.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("3 items listed, 3 to back up", "1001 DOWNLOADED", "1003 DOWNLOADED", "3 new, 0 updated, 0 failed");
  }

  @Test
  void laterRunsReuseTheTokenAndFetchOnlyWhatChanged() throws Exception {
    TokenStore tokens = FileTokenStore.inFolder(dir.resolve("home/.flickr"));
    run(new Person(), tokens);
    fake.account().addPhoto("1004", p -> p.title("New upload").taken("2013-01-01 12:00:00"));
    fake.account().replaceMedia("1002");
    fake.stats().reset();

    Person nobody = new Person();
    BackupResult second = run(nobody, tokens);

    assertThat(nobody.codesTyped).isZero();
    assertThat(fake.stats().oauthCalls()).isZero();
    assertThat(second.downloaded()).isEqualTo(1);
    assertThat(second.updated()).isEqualTo(1);
    assertThat(fake.stats().downloads("1001")).isZero();
    assertThat(fake.stats().downloads("1003")).isZero();
    assertThat(sha256(find("1002.png"))).isEqualTo(fake.account().item("1002").sha256());
    assertThat(sha256(find("1004.jpg"))).isEqualTo(fake.account().item("1004").sha256());
  }

  @Test
  void aRevokedTokenIsAskedForAgain() throws Exception {
    TokenStore tokens = FileTokenStore.inFolder(dir.resolve("home/.flickr"));
    run(new Person(), tokens);
    fake.revokeToken(tokens.find(FlickrEndpoint.at(fake.baseUrl()), key).orElseThrow().token());

    Person person = new Person();
    BackupResult again = run(person, tokens);

    assertThat(person.codesTyped).isEqualTo(1);
    assertThat(again.complete()).isTrue();
  }
}
