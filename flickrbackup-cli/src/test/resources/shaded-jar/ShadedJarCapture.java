import io.github.flickrbackup.session.BrowserSessionCapture;
import io.github.flickrbackup.session.CapturedSession;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.SignInCredentials;
import java.time.Duration;
import java.util.Set;

/**
 * Run by ShadedJarBrowserIT with only the shaded jar on the class path (Java's single-file
 * source launcher): signs in on the fake Flickr with headless Chromium through the jar's own
 * Selenium, whose Selenium Manager executables were left out of the jar.
 */
public class ShadedJarCapture {
  public static void main(String[] args) throws Exception {
    try (FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.builder().photo("1", p -> {}).build()).build()) {
      fake.start();
      SignInCredentials login = fake.signInCredentials();
      CapturedSession session = BrowserSessionCapture.builder()
          .endpoint(FlickrEndpoint.at(fake.baseUrl()))
          .headless(true)
          .timeout(Duration.ofSeconds(90))
          .sessionCookieNames(Set.of(fake.sessionCookieName()))
          .onSignInPage(page -> {
            page.fill("#login-username", login.username());
            page.fill("#login-password", login.password());
            page.click("#login-submit");
          })
          .build()
          .capture();
      System.out.println("captured " + session.cookies().size() + " cookie(s), "
          + session.cookies().stream().filter(c -> c.name().equals(fake.sessionCookieName())).count() + " session");
    }
  }
}
