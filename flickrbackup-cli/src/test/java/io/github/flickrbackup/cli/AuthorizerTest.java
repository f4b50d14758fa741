package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.AuthenticationException;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FileTokenStore;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.TokenStore;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.TestToken;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The authorisation flows, in-process against the fake Flickr with core's real client. */
@Timeout(60)
class AuthorizerTest {
  private static final ApiKey KEY = new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET);

  @TempDir Path dir;

  private FakeFlickr fake;
  private FlickrEndpoint endpoint;
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() {
    fake = FakeFlickr.builder().account(FakeAccount.generate(AccountSpec.seed(1).photos(3).sets(1))).build();
    fake.start();
    endpoint = FlickrEndpoint.at(fake.baseUrl());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Authorizer authorizer(InputStream stdin, boolean terminal, Map<String, String> variables) {
    Env env = new Env(variables, dir, stdin, terminal, CoreEngine::new);
    return new Authorizer(new CoreEngine(), env, new PrintWriter(err, true));
  }

  /**
   * Runs a command that makes one real API call with the token (as a backup's first listing
   * call would) and returns the token it ran with.
   */
  private AccessToken runWith(Authorizer authorizer, TokenStore tokens) throws Exception {
    AtomicReference<AccessToken> used = new AtomicReference<>();
    authorizer.run(endpoint, KEY, tokens, token -> {
      new CoreEngine().check(endpoint, KEY, token);
      used.set(token);
      return 0;
    });
    return used.get();
  }

  private static AccessToken token(TestToken t) {
    return new AccessToken(t.token(), t.secret(), t.userNsid(), t.username());
  }

  @Test
  void atATerminalARevokedCachedTokenIsDroppedAndAskedForAgain() throws Exception {
    TokenStore cache = FileTokenStore.inFolder(dir.resolve("cache"));
    TestToken revoked = fake.issueAccessToken();
    cache.save(endpoint, KEY, token(revoked));
    fake.revokeToken(revoked.token());

    PipedOutputStream keyboard = new PipedOutputStream();
    Authorizer authorizer = authorizer(new PipedInputStream(keyboard), true, Map.of());
    CompletableFuture<AccessToken> result = CompletableFuture.supplyAsync(() -> {
      try {
        return runWith(authorizer, cache);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    String prompt = awaitPrompt();
    Matcher m = Pattern.compile("oauth_token=([^&\\s]+)").matcher(prompt);
    assertThat(m.find()).as(prompt).isTrue();
    keyboard.write((fake.approve(m.group(1)) + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();

    AccessToken fresh = result.get(30, TimeUnit.SECONDS);
    assertThat(fresh.token()).isNotEqualTo(revoked.token());
    assertThat(err.toString()).contains("Flickr refused the saved authorisation (was it revoked?); authorising again.");
    assertThat(cache.find(endpoint, KEY)).contains(fresh);
  }

  @Test
  void aValidCachedTokenIsUsedWithoutAsking() throws Exception {
    TokenStore cache = FileTokenStore.inFolder(dir.resolve("cache"));
    AccessToken saved = token(fake.issueAccessToken());
    cache.save(endpoint, KEY, saved);
    AtomicReference<AccessToken> used = new AtomicReference<>();
    long loginsBefore = fake.stats().apiCalls("flickr.test.login");
    int status = authorizer(new ByteArrayInputStream(new byte[0]), false, Map.of()).run(endpoint, KEY, cache, token -> {
      used.set(token);
      return 7;
    });
    assertThat(status).isEqualTo(7);
    assertThat(used.get()).isEqualTo(saved);
    // Not checked beforehand: the command's own first call checks it.
    assertThat(fake.stats().apiCalls("flickr.test.login")).isEqualTo(loginsBefore);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aRefusedTokenFromTheEnvironmentIsNamed() {
    TestToken t = fake.issueAccessToken();
    fake.revokeToken(t.token());
    Authorizer a = authorizer(new ByteArrayInputStream(new byte[0]), true,
        Map.of("FLICKR_ACCESS_TOKEN", t.token(), "FLICKR_ACCESS_TOKEN_SECRET", t.secret()));
    assertThatThrownBy(() -> runWith(a, FileTokenStore.inFolder(dir)))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("Flickr refused the token in FLICKR_ACCESS_TOKEN")
        .message().doesNotContain(t.secret());
  }

  @Test
  void aWrongCodeIsRefusedClearly() {
    Authorizer a = authorizer(new ByteArrayInputStream("000-000-000\n".getBytes(StandardCharsets.UTF_8)), true,
        Map.of());
    assertThatThrownBy(() -> runWith(a, FileTokenStore.inFolder(dir)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("Flickr refused the verification code (oauth_problem=verifier_invalid)");
  }

  @Test
  void aCronRunWithARevokedSavedTokenStopsWithoutAsking() throws Exception {
    TokenStore cache = FileTokenStore.inFolder(dir.resolve("cache"));
    TestToken revoked = fake.issueAccessToken();
    cache.save(endpoint, KEY, token(revoked));
    fake.revokeToken(revoked.token());
    long oauthBefore = fake.stats().oauthCalls();

    Authorizer a = authorizer(new ByteArrayInputStream(new byte[0]), false, Map.of());
    assertThatThrownBy(() -> runWith(a, cache))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("Flickr refused the saved authorisation (was it revoked?); it was removed from "
            + cache.location());
    assertThat(cache.find(endpoint, KEY)).isEmpty();
    assertThat(fake.stats().oauthCalls()).isEqualTo(oauthBefore);
    assertThat(err.toString()).doesNotContain("Code:");
  }

  @Test
  void noInputMeansNoLogin() {
    Authorizer a = authorizer(new ByteArrayInputStream(new byte[0]), false, Map.of());
    assertThatThrownBy(() -> runWith(a, FileTokenStore.inFolder(dir)))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("no authorisation code on standard input");
  }

  private String awaitPrompt() throws InterruptedException {
    for (int i = 0; i < 1500; i++) {
      String s = err.toString();
      if (s.contains("Code:")) {
        return s;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no prompt: " + err);
  }
}
