package io.github.flickrbackup.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WebPagesTest {
  private static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"\u0000";

  @Test
  void escapesTheFiveSpecialCharactersAndControls() {
    assertThat(WebPages.escapeHtml("a&b<c>d\"e'f\u0000g\nh"))
        .isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f\uFFFDg\nh");
    assertThat(WebPages.escapeHtml(null)).isEmpty();
    assertThat(WebPages.escapeHtml("Zürich 📷")).isEqualTo("Zürich 📷");
  }

  @Test
  void authorizePageShowsTheAppAndAFormAndEscapesEverything() {
    String html = WebPages.authorizePage(HOSTILE, "72157-\"tok\"", "read", "/services/oauth/authorize", null);
    assertThat(html).doesNotContain("<script>").doesNotContain("\u0000");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(html).contains("id=\"authorize-form\"", "method=\"post\"", "action=\"/services/oauth/authorize\"");
    assertThat(html).contains("name=\"oauth_token\" value=\"72157-&quot;tok&quot;\"");
    assertThat(html).contains(">OK, I'll authorize it</button>");
    assertThat(html).doesNotContain("id=\"verifier\"");
  }

  @Test
  void oobVerifierIsShownAsThreeGroupsInsideTheVerifierElement() {
    String html = WebPages.authorizedPage("My Backup", "123456789");
    Matcher m = Pattern.compile("<span id=\"verifier\">([^<]*)</span>").matcher(html);
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo("123-456-789");
    assertThat(WebPages.authorizePage("App", "t", "read", "/a", "987-654-321")).contains(">987-654-321<");
    assertThatThrownBy(() -> WebPages.formatVerifier("12345")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9 digits");
  }

  @Test
  void signInPageHasTheFormIdsSeleniumUses() {
    String html = WebPages.signInPage("/signin?x=1&y=2", "/photos/", null);
    assertThat(html).contains("<form id=\"login-form\" method=\"post\" action=\"/signin?x=1&amp;y=2\">");
    assertThat(html).contains("name=\"username\" id=\"login-username\"", "name=\"password\" id=\"login-password\"",
        "type=\"submit\" id=\"login-submit\"", "name=\"return_to\" value=\"/photos/\"");
    assertThat(html).doesNotContain("login-error");
  }

  @Test
  void badSignInShowsAnErrorAndTheFormAgain() {
    String html = WebPages.signInFailedPage("/signin", null);
    assertThat(html).contains("id=\"login-error\"", "Invalid password", "id=\"login-form\"");
    assertThat(WebPages.signInForm("/signin", HOSTILE)).contains("id=\"login-error\"").doesNotContain("<script>");
  }

  @Test
  void signedInPageShowsTheEscapedUserName() {
    String html = WebPages.signedInPage("bob <b>");
    assertThat(html).contains("id=\"signed-in\"", "bob &lt;b&gt;");
    assertThat(WebPages.signedIn("alice")).contains(">alice<");
  }

  @Test
  void errorBodiesMatchFlickrsFrontEnds() {
    assertThat(WebPages.errorBody(429)).isEqualTo("<html><body><h1>429 Too Many Requests</h1>"
        + "You have sent too many requests in a given amount of time.</body></html>");
    assertThat(WebPages.errorBody(502)).contains("<title>502 Bad Gateway</title>", "<center>nginx</center>");
    assertThat(WebPages.errorBody(500)).contains("500 Internal Server Error");
    assertThat(WebPages.errorBody(503)).contains("503 Service Temporarily Unavailable");
    assertThat(WebPages.errorBody(404)).contains("404 Not Found");
    assertThat(WebPages.error(410, "Gone & <away>")).contains("410 Gone &amp; &lt;away&gt;");
    assertThat(WebPages.cdnHtmlInsteadOfMedia()).startsWith("<!DOCTYPE html>").contains("temporarily unavailable");
  }
}
