package io.github.flickrbackup.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;


/** The capture's settings and the failures that happen before any browser starts. */
class BrowserSessionCaptureSettingsTest {

  @Test
  void refusesATimeoutThatIsNotPositive() {
    assertThatThrownBy(() -> BrowserSessionCapture.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT0S");
  }

  @Test
  void refusesAnEmptySetOfSessionCookies() {
    assertThatThrownBy(() -> BrowserSessionCapture.builder().sessionCookieNames(Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("could never see a sign-in");
  }

  @Test
  void usesTheGivenProgramsAndKeepsThemInToBuilder() {
    BrowserSessionCapture capture = BrowserSessionCapture.builder()
        .browser(Browser.FIREFOX)
        .browserBinary(Path.of("/opt/firefox/firefox"))
        .driverBinary(Path.of("/opt/geckodriver"))
        .build();

    BrowserSessionCapture copy = capture.toBuilder().build();

    assertThat(copy.browserBinary()).contains(Path.of("/opt/firefox/firefox"));
    assertThat(copy.driverBinary()).contains(Path.of("/opt/geckodriver"));
    assertThat(copy.toString()).contains("FIREFOX", "/opt/geckodriver");
  }

  @Test
  void refusesToOpenAWindowWhereThereIsNoDisplay() {
    // runs only where there is no display (CI, servers): the capture must say so at once
    assumeTrue(isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY")),
        "a display is present");
    BrowserSessionCapture capture = BrowserSessionCapture.builder()
        .driverBinary(Path.of("/bin/true"))
        .browserBinary(Path.of("/bin/true"))
        .build();

    assertThatThrownBy(capture::capture)
        .isInstanceOf(SessionCaptureException.class)
        .hasMessageContaining("there is no display here")
        .hasMessageContaining("capture the session on a desktop and copy the file");
  }

  @Test
  void failsClearlyWhenTheDriverIsMissing() {
    Path missing = Path.of("/nonexistent/chromedriver");
    BrowserSessionCapture capture = BrowserSessionCapture.builder().headless(true).driverBinary(missing).build();

    assertThatThrownBy(capture::capture)
        .isInstanceOf(SessionCaptureException.class)
        .hasMessage("WebDriver program " + missing + " does not exist or cannot be run");
  }

  @Test
  void failsClearlyWhenTheBrowserProgramIsMissing() {
    Path missing = Path.of("/nonexistent/chromium");
    BrowserSessionCapture capture = BrowserSessionCapture.builder()
        .headless(true)
        .driverBinary(Path.of("/bin/true"))
        .browserBinary(missing)
        .build();

    assertThatThrownBy(capture::capture)
        .isInstanceOf(SessionCaptureException.class)
        .hasMessage("browser program " + missing + " does not exist or cannot be run");
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
