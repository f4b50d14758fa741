package io.github.flickrbackup.testkit.internal;

/** PLACEHOLDER until testkit-parts is merged. */
public final class WebPages {
  private WebPages() {}

  public static String authorize(String verifier) {
    return "<html><body><h1>Authorised</h1><p id=\"verifier\">" + verifier + "</p></body></html>";
  }

  public static String signInForm(String action, String error) {
    return "<html><body>" + (error == null ? "" : "<p id=\"error\">" + error + "</p>")
        + "<form id=\"login-form\" method=\"post\" action=\"" + action + "\">"
        + "<input id=\"login-username\" name=\"username\"><input id=\"login-password\" name=\"password\" type=\"password\">"
        + "<button id=\"login-submit\" type=\"submit\">Sign in</button></form></body></html>";
  }

  public static String signedIn(String username) {
    return "<html><body><p id=\"signed-in\">Signed in as " + username + "</p></body></html>";
  }

  public static String error(int code, String message) {
    return "<html><body><h1>" + code + " " + message + "</h1></body></html>";
  }
}
