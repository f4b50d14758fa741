package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.TestToken;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Core names the Java method for a first run without a start; the command line names its flag. */
@Timeout(60)
class FirstRunHintTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.generate(AccountSpec.seed(2).photos(3).sets(1)))
      .build();

  @TempDir Path dir;

  @Test
  void aFirstRunWithoutADateAsksForTheFlagNotForAJavaMethod() {
    TestToken t = fake.issueAccessToken();
    Env env = new Env(Map.of("FLICKRBACKUP_ENDPOINT", fake.baseUrl().toString(),
        "FLICKR_API_KEY", FakeFlickr.DEFAULT_CONSUMER_KEY, "FLICKR_API_SECRET", FakeFlickr.DEFAULT_CONSUMER_SECRET,
        "FLICKR_ACCESS_TOKEN", t.token(), "FLICKR_ACCESS_TOKEN_SECRET", t.secret()),
        dir.resolve("home"), new ByteArrayInputStream(new byte[0]), false, CoreEngine::new);

    Cli.Run r = Cli.run(env, dir.resolve("photos").toString());

    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).contains("-f YYYY-MM-DD").doesNotContain("Selection.");
    assertThat(fake.stats().mediaRequests()).isZero();
  }
}
