package io.github.flickrbackup.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.flickrbackup.session.internal.Drivers;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.SessionCookie;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real headless Chromium against a small sign-in site on 127.0.0.1, served by the JDK's HTTP
 * server: a form at {@code /signin} that, given the right password, sets an HttpOnly session
 * cookie and redirects to {@code /home}, which writes to localStorage.
 */
@RequiresChromium
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrowserSessionCaptureTest {
  private static final String COOKIE = "test_session";

  @TempDir Path dir;
  private HttpServer server;
  private FlickrEndpoint endpoint;
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void startSite() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/signin", ex -> respond(ex, 200, """
        <!doctype html><html><body>
        <form id="login-form" method="post" action="/login">
          <input id="login-username" name="username">
          <input id="login-password" name="password" type="password">
          <button id="login-submit" type="submit">Sign in</button>
        </form></body></html>
        """));
    server.createContext("/login", this::login);
    server.createContext("/home", ex -> respond(ex, 200, """
        <!doctype html><html><body>Signed in
        <script>localStorage.setItem('signedInAs', 'alice');</script></body></html>
        """));
    server.start();
    endpoint = FlickrEndpoint.at(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
  }

  @AfterEach
  void stopSite() {
    server.stop(0);
  }

  private void login(HttpExchange ex) throws IOException {
    Map<String, String> form = new HashMap<>();
    for (String pair : new String(ex.getRequestBody().readAllBytes(), UTF_8).split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(URLDecoder.decode(kv[0], UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], UTF_8) : "");
    }
    if (!"alice".equals(form.get("username")) || !"wonderland".equals(form.get("password"))) {
      respond(ex, 401, "wrong password");
      return;
    }
    ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=s3ss10n; Path=/; HttpOnly; Max-Age=3600");
    ex.getResponseHeaders().add("Location", "/home");
    ex.sendResponseHeaders(303, -1);
    ex.close();
  }

  private static void respond(HttpExchange ex, int status, String html) throws IOException {
    byte[] body = html.getBytes(UTF_8);
    ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private BrowserSessionCapture.Builder capture() {
    return BrowserSessionCapture.builder()
        .endpoint(endpoint)
        .headless(true)
        .sessionCookieNames(Set.of(COOKIE))
        .warnings(warnings::add)
        .timeout(Duration.ofSeconds(60));
  }

  private static void signIn(BrowserPage page) {
    page.fill("#login-username", "alice");
    page.fill("#login-password", "wonderland");
    page.click("#login-submit");
  }

  @Test
  void capturesTheSessionCookieOnceTheUserHasSignedIn() throws IOException {
    CapturedSession session = capture().onSignInPage(BrowserSessionCaptureTest::signIn).build().capture();

    assertThat(session.cookies()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo(COOKIE);
      assertThat(c.value()).isEqualTo("s3ss10n");
      assertThat(c.domain()).isEqualTo("127.0.0.1");
      assertThat(c.httpOnly()).isTrue();
      assertThat(c.expiry()).isNotNull();
    });
    assertThat(session.localStorage()).containsEntry("signedInAs", "alice");
    assertThat(session.url()).isEqualTo(endpoint.web().resolve("home").toString());
    assertThat(warnings).isEmpty();
  }

  @Test
  void writesTheCapturedSessionPrivatelyAndReadsItBackForTheEndpoint() throws IOException {
    CapturedSession session = capture().onSignInPage(BrowserSessionCaptureTest::signIn).build().capture();
    Path file = dir.resolve("session.json");

    SessionFiles.write(file, session);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(SessionFiles.read(file, endpoint, warnings::add).cookies())
        .extracting(SessionCookie::name, SessionCookie::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(COOKIE, "s3ss10n"));
    assertThat(warnings).isEmpty();
  }

  @Test
  void finishesWhenEnterIsPressedEvenWithoutTheSessionCookie() throws IOException {
    CapturedSession session = capture()
        .enterPressed(new ByteArrayInputStream("\n".getBytes(UTF_8)))
        .build()
        .capture();

    assertThat(session.cookies()).isEmpty();
    assertThat(session.url()).isEqualTo(endpoint.signIn().toString());
    assertThat(warnings).singleElement().asString().contains("Enter was pressed", COOKIE, "probably not signed in");
  }

  @Test
  void failsWhenNobodySignsInBeforeTheTimeout() {
    BrowserSessionCapture capture = capture().timeout(Duration.ofSeconds(2)).build();

    assertThatThrownBy(capture::capture)
        .isInstanceOf(SessionCaptureException.class)
        .hasMessageContaining("no sign-in seen within 2 s")
        .hasMessageContaining(COOKIE)
        .hasMessageContaining(endpoint.signIn().toString());
  }

  @Test
  void failsClearlyWhenTheSignInHookCannotFindTheForm() {
    BrowserSessionCapture capture = capture().onSignInPage(page -> page.fill("#no-such-field", "x")).build();

    assertThatThrownBy(capture::capture)
        .isInstanceOf(SessionCaptureException.class)
        .hasMessageContaining("no element matches #no-such-field");
  }

  @Test
  void startsTheInstalledDriverWithoutSeleniumManager() throws IOException {
    // Compared as real paths: Debian's /usr/bin/chromedriver is a symlink into /usr/lib/chromium,
    // and both Selenium and /proc report the target.
    Path installed = Drivers.defaultDriverBinary(Browser.CHROME).toRealPath();
    RecordingHandler log = new RecordingHandler();
    Logger finder = Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");
    Logger manager = Logger.getLogger("org.openqa.selenium.manager.SeleniumManager");
    Level finderLevel = finder.getLevel();
    Level managerLevel = manager.getLevel();
    finder.setLevel(Level.ALL);
    manager.setLevel(Level.ALL);
    finder.addHandler(log);
    manager.addHandler(log);
    List<Path> childPrograms = new ArrayList<>();
    try {
      capture().onSignInPage(page -> {
        // The browser is open now, so the driver Selenium started is a child process of this JVM.
        childPrograms.addAll(childProgramsOfThisJvm());
        signIn(page);
      }).build().capture();
    } finally {
      finder.removeHandler(log);
      manager.removeHandler(log);
      finder.setLevel(finderLevel);
      manager.setLevel(managerLevel);
    }

    assertThat(log.loggers).as("Selenium Manager logs whenever it runs").doesNotContain(manager.getName());
    assertThat(log.messages).filteredOn(m -> m.startsWith("Skipping Selenium Manager"))
        .singleElement()
        .extracting(m -> realPath(m.substring(m.lastIndexOf(": ") + 2)))
        .isEqualTo(installed);
    assertThat(childPrograms).as("programs run by this JVM while the browser was open").contains(installed);
    assertThat(childPrograms).filteredOn(p -> p.getFileName().toString().contains("chromedriver"))
        .as("no other chromedriver (such as one Selenium Manager downloaded) ran").containsOnly(installed);
  }

  /** The programs this JVM's child processes run, as real paths ({@code /proc/PID/exe} on Linux). */
  private static List<Path> childProgramsOfThisJvm() {
    return ProcessHandle.current().children()
        .flatMap(p -> p.info().command().stream())
        .map(BrowserSessionCaptureTest::realPath)
        .toList();
  }

  private static Path realPath(String path) {
    try {
      return Path.of(path).toRealPath();
    } catch (IOException e) {
      return Path.of(path); // a program deleted since it started keeps its name, and fails the comparison
    }
  }

  @Test
  void deletesTheTemporaryBrowserProfile() throws IOException {
    List<Path> profiles = new ArrayList<>();

    capture().onSignInPage(page -> {
      // The profile this capture's browser runs with, read from its command line: listing the
      // temporary folder instead would also see other runs' profiles on a shared machine.
      profiles.addAll(profilesOfBrowsersStartedByThisJvm());
      signIn(page);
    }).build().capture();

    assertThat(profiles).isNotEmpty().allSatisfy(p -> {
      assertThat(p.getFileName().toString()).startsWith("flickrbackup-browser-");
      assertThat(p).doesNotExist();
    });
  }

  private static List<Path> profilesOfBrowsersStartedByThisJvm() {
    return ProcessHandle.current().descendants()
        .flatMap(p -> p.info().arguments().stream())
        .flatMap(Arrays::stream)
        .filter(a -> a.startsWith("--user-data-dir="))
        .map(a -> Path.of(a.substring("--user-data-dir=".length())))
        .distinct()
        .toList();
  }

  private static final class RecordingHandler extends Handler {
    final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    final List<String> loggers = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void publish(LogRecord record) {
      messages.add(record.getParameters() == null
          ? String.valueOf(record.getMessage())
          : java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
      loggers.add(record.getLoggerName());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
