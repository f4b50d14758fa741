package io.github.flickrbackup.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.SessionCookie;
import io.github.flickrbackup.source.SessionProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFilesTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final FlickrEndpoint FLICKR = FlickrEndpoint.flickr();

  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  /** A file as the Python flickrbackup writes it: Selenium's cookie dicts, float expiry, sameSite. */
  private static final String PYTHON_TOOL_FILE = """
      {"cookies": [{"domain": ".flickr.com", "expiry": 1827129600.123456, "httpOnly": true, "name": "cookie_session",
      "path": "/", "sameSite": "None", "secure": true, "value": "12345%3Aabcdef"},
      {"domain": ".flickr.com", "httpOnly": false, "name": "cookie_accid", "path": "/", "sameSite": "Lax",
      "secure": true, "value": "12345"},
      {"domain": "www.flickr.com", "expiry": 1827129600, "httpOnly": false, "name": "ccc", "path": "/photos",
      "sameSite": "Strict", "secure": false, "value": "x"},
      {"domain": ".google.com", "expiry": 1827129600, "httpOnly": true, "name": "NID", "path": "/",
      "sameSite": "None", "secure": true, "value": "tracker"}],
      "localStorage": {"flickr.session": "{\\"a\\":1}", "count": "3"},
      "url": "https://www.flickr.com/photos/me/"}
      """;

  @Test
  void readsAFileWrittenByThePythonTool() throws IOException {
    Path file = privateFile("python.json", PYTHON_TOOL_FILE);

    CapturedSession all = SessionFiles.readAll(file);
    List<SessionCookie> forFlickr = SessionFiles.read(file, FLICKR, warnings::add, CLOCK).cookies();

    assertThat(all.cookies()).hasSize(4);
    assertThat(all.localStorage()).containsEntry("flickr.session", "{\"a\":1}").containsEntry("count", "3");
    assertThat(all.url()).isEqualTo("https://www.flickr.com/photos/me/");
    assertThat(forFlickr).extracting(SessionCookie::name).containsExactly("cookie_session", "cookie_accid", "ccc");
    SessionCookie session = forFlickr.get(0);
    assertThat(session.value()).isEqualTo("12345%3Aabcdef");
    assertThat(session.domain()).isEqualTo("flickr.com");
    assertThat(session.secure()).isTrue();
    assertThat(session.httpOnly()).isTrue();
    assertThat(session.expiry()).isEqualTo(Instant.ofEpochSecond(1827129600L, 123456000L));
    assertThat(forFlickr.get(1).expiry()).isNull();
    assertThat(forFlickr.get(2).path()).isEqualTo("/photos");
    assertThat(warnings).isEmpty();
  }

  @Test
  void roundTripKeepsEveryField() throws IOException {
    Map<String, String> storage = new LinkedHashMap<>();
    storage.put("b", "2");
    storage.put("a", "ünïcødé \"quoted\"");
    CapturedSession session = new CapturedSession(List.of(
        new SessionCookie("cookie_session", "s3cr3t", "flickr.com", "/", true, true, Instant.ofEpochSecond(1827129600L)),
        new SessionCookie("plain", "v", "www.flickr.com", "/x", false, false, null)),
        storage, "https://www.flickr.com/");
    Path file = dir.resolve("sub/session.json");

    SessionFiles.write(file, session);

    assertThat(SessionFiles.readAll(file)).isEqualTo(session);
    assertThat(new ArrayList<>(SessionFiles.readAll(file).localStorage().keySet())).containsExactly("b", "a");
  }

  @Test
  void writesTheFileReadableOnlyByItsOwner() throws IOException {
    Path file = dir.resolve("session.json");

    SessionFiles.write(file, new CapturedSession(List.of(), Map.of(), ""));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void replacesAWorldReadableFileWithAPrivateOne() throws IOException {
    Path file = Files.writeString(dir.resolve("session.json"), "old", UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    SessionFiles.write(file, new CapturedSession(List.of(), Map.of(), "u"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(SessionFiles.readAll(file).url()).isEqualTo("u");
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("session.json");
    }
  }

  @Test
  void warnsWhenOthersCanReadTheFile() throws IOException {
    Path file = privateFile("session.json", PYTHON_TOOL_FILE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    SessionFiles.read(file, FLICKR, warnings::add, CLOCK);

    assertThat(warnings).singleElement().asString()
        .contains("can be read by other users", "rw-r--r--", "chmod 600 " + file);
  }

  @Test
  void saysNothingAboutAPrivateFile() throws IOException {
    Path file = privateFile("session.json", PYTHON_TOOL_FILE);

    SessionFiles.read(file, FLICKR, warnings::add, CLOCK);

    assertThat(warnings).isEmpty();
  }

  @Test
  void suppliesOnlyCookiesForTheEndpointsHosts() throws IOException {
    Path file = privateFile("s.json", """
        {"cookies": [
          {"name": "a", "value": "1", "domain": ".flickr.com"},
          {"name": "b", "value": "2", "domain": "live.staticflickr.com"},
          {"name": "c", "value": "3", "domain": "evilflickr.com"},
          {"name": "d", "value": "4", "domain": "flickr.com.example.org"},
          {"name": "e", "value": "5", "domain": "127.0.0.1"}
        ]}
        """);

    SessionProvider flickr = SessionFiles.read(file, FLICKR, warnings::add, CLOCK);
    SessionProvider fake = SessionFiles.read(file, FlickrEndpoint.at(URI.create("http://127.0.0.1:8080/")),
        warnings::add, CLOCK);

    assertThat(flickr.cookies()).extracting(SessionCookie::name).containsExactly("a", "b");
    assertThat(fake.cookies()).extracting(SessionCookie::name).containsExactly("e");
    assertThat(warnings).isEmpty();
  }

  @Test
  void warnsWhenNoCookieIsForTheEndpoint() throws IOException {
    Path file = privateFile("s.json", """
        {"cookies": [{"name": "a", "value": "1", "domain": "example.org"}]}
        """);

    SessionProvider session = SessionFiles.read(file, FLICKR, warnings::add, CLOCK);

    assertThat(session.cookies()).isEmpty();
    assertThat(warnings).singleElement().asString().contains("has no cookie for", "example.org");
  }

  @Test
  void dropsExpiredCookies() throws IOException {
    long past = NOW.getEpochSecond() - 1;
    long future = NOW.getEpochSecond() + 3600;
    Path file = privateFile("s.json", """
        {"cookies": [
          {"name": "old", "value": "1", "domain": ".flickr.com", "expiry": %d},
          {"name": "fresh", "value": "2", "domain": ".flickr.com", "expiry": %d.5}
        ]}
        """.formatted(past, future));

    List<SessionCookie> cookies = SessionFiles.read(file, FLICKR, warnings::add, CLOCK).cookies();

    assertThat(cookies).extracting(SessionCookie::name).containsExactly("fresh");
    assertThat(warnings).isEmpty();
  }

  @Test
  void warnsWhenEveryCookieHasExpired() throws IOException {
    Path file = privateFile("s.json", """
        {"cookies": [{"name": "cookie_session", "value": "1", "domain": ".flickr.com", "expiry": 1600000000}]}
        """);

    List<SessionCookie> cookies = SessionFiles.read(file, FLICKR, warnings::add, CLOCK).cookies();

    assertThat(cookies).isEmpty();
    assertThat(warnings).singleElement().asString().contains("has expired", "--obtain-web-session");
  }

  @Test
  void failsClearlyWhenTheFileIsMissing() {
    Path file = dir.resolve("nope.json");

    assertThatThrownBy(() -> SessionFiles.read(file, FLICKR, warnings::add))
        .isInstanceOf(IOException.class)
        .hasMessage("session file " + file + " does not exist: capture one with --obtain-web-session " + file);
  }

  @Test
  void failsClearlyOnAnEmptyFile() throws IOException {
    Path file = privateFile("s.json", "");

    assertThatThrownBy(() -> SessionFiles.readAll(file)).hasMessage("session file " + file + " is empty: it is not a session file");
  }

  @Test
  void namesTheLineOfBrokenJsonWithoutQuotingSecrets() throws IOException {
    Path file = privateFile("s.json", "{\"cookies\": [\n{\"name\": \"a\",\n \"value\": s3cr3tvalue}]}");

    assertThatThrownBy(() -> SessionFiles.readAll(file))
        .hasMessageStartingWith("session file " + file + " is not valid JSON at line 3, column")
        .hasMessageNotContaining("s3cr3tvalue");
  }

  @Test
  void namesTheCookieThatHasNoName() throws IOException {
    Path file = privateFile("s.json", """
        {"cookies": [
          {"name": "a", "value": "1", "domain": ".flickr.com"},
          {"value": "1", "domain": ".flickr.com"}
        ]}
        """);

    assertThatThrownBy(() -> SessionFiles.readAll(file))
        .hasMessage("session file " + file + " line 3: cookies[1] has no \"name\"");
  }

  @Test
  void namesTheCookieThatHasNoDomain() throws IOException {
    Path file = privateFile("s.json", """
        {"cookies": [{"name": "cookie_session", "value": "1"}]}
        """);

    assertThatThrownBy(() -> SessionFiles.readAll(file))
        .hasMessageContaining("line 1: cookies[0] (cookie_session) has no \"domain\"");
  }

  @Test
  void rejectsAnExpiryThatIsNotANumber() throws IOException {
    Path file = privateFile("s.json", """
        {"cookies": [
          {"name": "a", "value": "1", "domain": ".flickr.com",
           "expiry": "tomorrow"}
        ]}
        """);

    assertThatThrownBy(() -> SessionFiles.readAll(file))
        .hasMessage("session file " + file + " line 3: cookies[0].expiry must be a number of seconds since 1970, not a string");
  }

  @Test
  void rejectsAValueThatIsNotAStringWithoutPrintingIt() throws IOException {
    Path file = privateFile("s.json", """
        {"cookies": [{"name": "a", "value": 987654321, "domain": ".flickr.com"}]}
        """);

    assertThatThrownBy(() -> SessionFiles.readAll(file))
        .hasMessage("session file " + file + " line 1: cookies[0].value must be a string, not a number");
  }

  @Test
  void rejectsAFileWithoutCookies() throws IOException {
    Path file = privateFile("s.json", "{\"url\": \"https://www.flickr.com/\"}");

    assertThatThrownBy(() -> SessionFiles.readAll(file))
        .hasMessage("session file " + file + " has no \"cookies\" field: it is not a session file");
  }

  @Test
  void rejectsAFileThatIsNotAnObject() throws IOException {
    Path file = privateFile("s.json", "[1, 2]");

    assertThatThrownBy(() -> SessionFiles.readAll(file))
        .hasMessageContaining("line 1: the file must hold a JSON object");
  }

  @Test
  void rejectsCookiesThatAreNotAList() throws IOException {
    Path file = privateFile("s.json", "{\"cookies\": {\"name\": \"a\"}}");

    assertThatThrownBy(() -> SessionFiles.readAll(file))
        .hasMessageContaining("line 1: \"cookies\" must be a list of cookies, not an object");
  }

  @Test
  void rejectsAFolder() {
    assertThatThrownBy(() -> SessionFiles.readAll(dir)).hasMessage("session file " + dir + " is a folder, not a file");
  }

  @Test
  void neverShowsCookieValuesOrStorageValues() {
    CapturedSession session = new CapturedSession(
        List.of(new SessionCookie("cookie_session", "s3cr3t", "flickr.com", "/", true, true, null)),
        Map.of("token", "hidden-value"), "https://www.flickr.com/");

    assertThat(session.toString()).contains("cookie_session", "token").doesNotContain("s3cr3t", "hidden-value");
  }

  private Path privateFile(String name, String content) throws IOException {
    Path file = Files.writeString(dir.resolve(name), content, UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
