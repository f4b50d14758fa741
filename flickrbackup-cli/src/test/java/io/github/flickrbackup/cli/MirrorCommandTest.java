package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --mirror}, {@code --attic}, {@code --max-delete}: flags, summary, JSON and exit statuses. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MirrorCommandTest {
  static final String SET = "72157600000000001";

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.builder()
      .set(SET, "Holidays")
      .photo("1001", p -> p.taken("2012-02-28 10:00:00").inSets(SET))
      .photo("1002", p -> p.taken("2012-02-28 11:00:00").inSets(SET))
      .photo("1003", p -> p.taken("2013-01-01 11:00:00"))
      .build()).build();

  @TempDir Path home;
  @TempDir Path work;

  private Cli.Run run(String... args) {
    return Cli.runAgainst(fake, home, args);
  }

  private Path dest() {
    return work.resolve("photos");
  }

  private long atticFiles() throws Exception {
    Path attic = dest().resolve(".flickrbackup/attic");
    if (!Files.exists(attic)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(attic)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void mirrorMovesADeletedItemToTheAtticAndListsItInTheSummary() throws Exception {
    assertThat(run("-f", "1990-01-01", dest().toString()).status()).isZero();
    fake.account().delete("1002");

    Cli.Run r = run("--mirror", dest().toString());

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("Mirror: moved 1 item to the attic:")
        .containsPattern("1002 deleted on flickr: Holidays/2012/02/28/1002.jpg -> \\.flickrbackup/attic/\\S+/"
            + "Holidays/2012/02/28/1002.jpg");
    assertThat(atticFiles()).isEqualTo(2);
    assertThat(dest().resolve("Holidays/2012/02/28/1002.jpg")).doesNotExist();
  }

  @Test
  void aDryRunPrintsEveryMoveAndMovesNothing() throws Exception {
    assertThat(run("-f", "1990-01-01", dest().toString()).status()).isZero();
    fake.account().delete("1001");
    fake.account().renameSet(SET, "Summer");

    Cli.Run r = run("--mirror", "--dry-run", dest().toString());

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("Mirror: would move 1 item to the attic and would move 1 file of renamed albums:")
        .containsPattern("1001 deleted on flickr: Holidays/2012/02/28/1001.jpg -> \\.flickrbackup/attic/\\S+/"
            + "Holidays/2012/02/28/1001.jpg")
        .contains("1002 album renamed: Holidays/2012/02/28/1002.jpg -> Summer/2012/02/28/1002.jpg");
    assertThat(atticFiles()).isZero();
    assertThat(dest().resolve("Holidays/2012/02/28/1001.jpg")).exists();
    assertThat(dest().resolve("Summer")).doesNotExist();
  }

  @Test
  void pastMaxDeleteNothingMovesTheExitStatusIs2AndTheJsonSaysWhy() throws Exception {
    assertThat(run("-f", "1990-01-01", dest().toString()).status()).isZero();
    fake.account().delete("1001");
    fake.account().delete("1003");

    Cli.Run r = run("--mirror", "--max-delete", "1", "--json", dest().toString());

    assertThat(r.status()).isEqualTo(2);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("status").asText()).isEqualTo("mirror-refused");
    assertThat(j.get("exitCode").asInt()).isEqualTo(2);
    assertThat(j.at("/mirror/applied").asBoolean()).isFalse();
    assertThat(j.at("/mirror/refused").asText()).contains("--max-delete 2");
    assertThat(j.at("/mirror/itemsToAttic").asInt()).isEqualTo(2);
    assertThat(j.at("/mirror/moves")).hasSize(2);
    assertThat(j.at("/mirror/moves/0/reason").asText()).isEqualTo("DELETED_ON_FLICKR");
    assertThat(atticFiles()).isZero();

    Cli.Run allowed = run("--mirror", "--max-delete", "2", "--json", dest().toString());
    assertThat(allowed.status()).as(allowed.err()).isZero();
    JsonNode a = new ObjectMapper().readTree(allowed.out());
    assertThat(a.at("/mirror/applied").asBoolean()).isTrue();
    assertThat(a.at("/mirror/refused").isNull()).isTrue();
    assertThat(atticFiles()).isEqualTo(4);
  }

  @Test
  void withoutMirrorTheJsonHasNoMirrorObject() throws Exception {
    Cli.Run r = run("-f", "1990-01-01", "--json", dest().toString());
    assertThat(r.status()).isZero();
    assertThat(new ObjectMapper().readTree(r.out()).has("mirror")).isFalse();
  }

  @Test
  void misusedMirrorFlagsAreUsageErrors() {
    Env env = Cli.env(home, Map.of());
    Cli.Run attic = Cli.run(env, "--attic", work.toString(), dest().toString());
    assertThat(attic.status()).isEqualTo(1);
    assertThat(attic.err()).contains("--attic applies only with --mirror");
    Cli.Run max = Cli.run(env, "--max-delete", "3", dest().toString());
    assertThat(max.status()).isEqualTo(1);
    assertThat(max.err()).contains("--max-delete applies only with --mirror");
    Cli.Run negative = Cli.run(env, "--mirror", "--max-delete", "-1", dest().toString());
    assertThat(negative.status()).isEqualTo(1);
    assertThat(negative.err()).contains("--max-delete must be 0 or more");
    Cli.Run ids = Cli.run(env, "--mirror", "-d", work.resolve("ids.txt").toString(), dest().toString());
    assertThat(ids.status()).isEqualTo(1);
    assertThat(ids.err()).contains("cannot be combined with -d");
    Cli.Run verify = Cli.run(env, "--mirror", "--verify", dest().toString());
    assertThat(verify.status()).isEqualTo(1);
    assertThat(verify.err()).contains("cannot be combined with --verify");
    Cli.Run seed = Cli.run(env, "--mirror", "--seed-from-export", work.toString(), dest().toString());
    assertThat(seed.status()).isEqualTo(1);
    assertThat(seed.err()).contains("cannot be combined with --seed-from-export");
  }
}
