package io.github.flickrbackup.testkit.internal;

import java.util.Objects;

/**
 * The HTML pages of the fake: the OAuth authorise page, the web sign-in page and its outcomes,
 * and the error bodies Flickr's front ends send with 4xx/5xx answers. Every piece of text is
 * HTML-escaped. Element ids are stable, for Selenium and for tests that scrape the verifier.
 *
 * <pre>{@code
 * String html = WebPages.authorizePage("My Backup", "72157-abc", "read", "/services/oauth/authorize", null);
 * String done = WebPages.authorizedPage("My Backup", "123456789"); // <span id="verifier">123-456-789</span>
 * }</pre>
 */
public final class WebPages {
  /** The id of the element holding the oob verifier ({@code 123-456-789}). */
  public static final String VERIFIER_ID = "verifier";

  private WebPages() {}

  /**
   * The authorise page Flickr shows at {@code /services/oauth/authorize?oauth_token=…&perms=…}: the
   * app's name and the permission asked, and an "OK, I'll authorize it" form that POSTs
   * {@code oauth_token}, {@code perms} and {@code authorize=1} to {@code formAction}. If
   * {@code verifier} is non-null (an {@code oob} callback already authorised) it is shown too.
   */
  public static String authorizePage(String appName, String oauthToken, String perms, String formAction,
      String verifier) {
    StringBuilder body = new StringBuilder();
    body.append("<h1 id=\"authorize-title\">").append(escapeHtml(appName))
        .append(" wants to link to your Flickr account</h1>\n");
    body.append("<p id=\"authorize-perms\">This app will be able to <b>").append(escapeHtml(permsText(perms)))
        .append("</b>.</p>\n");
    body.append("<form id=\"authorize-form\" method=\"post\" action=\"").append(escapeHtml(formAction)).append("\">\n");
    body.append("  <input type=\"hidden\" name=\"oauth_token\" value=\"").append(escapeHtml(oauthToken)).append("\">\n");
    body.append("  <input type=\"hidden\" name=\"perms\" value=\"").append(escapeHtml(perms)).append("\">\n");
    body.append("  <input type=\"hidden\" name=\"authorize\" value=\"1\">\n");
    body.append("  <button id=\"authorize-submit\" type=\"submit\">OK, I'll authorize it</button>\n");
    body.append("</form>\n");
    if (verifier != null) {
      body.append(verifierBlock(verifier));
    }
    return page("Flickr: Authorize " + appName, body.toString());
  }

  /** The page after authorising with an {@code oob} callback: the 9-digit code to type into the app. */
  public static String authorizedPage(String appName, String verifier) {
    return page("Flickr: Authorized " + appName,
        "<h1 id=\"authorized-title\">You have successfully authorized the application "
            + escapeHtml(appName) + ".</h1>\n" + verifierBlock(verifier));
  }

  private static String verifierBlock(String verifier) {
    return "<p>Copy this code into the application:</p>\n<p><span id=\"" + VERIFIER_ID + "\">"
        + escapeHtml(formatVerifier(verifier)) + "</span></p>\n";
  }

  /**
   * Flickr's display form of an oob verifier: 9 digits as {@code 123-456-789}. Already formatted
   * input is returned as is.
   *
   * @throws IllegalArgumentException if it is not 9 digits (with or without the dashes)
   */
  public static String formatVerifier(String verifier) {
    Objects.requireNonNull(verifier, "verifier");
    String digits = verifier.replace("-", "");
    if (!digits.matches("\\d{9}")) {
      throw new IllegalArgumentException("an oob verifier is 9 digits, got: " + verifier);
    }
    return digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(6);
  }

  private static String permsText(String perms) {
    return switch (perms == null ? "" : perms) {
      case "read" -> "access your public and private photos and videos";
      case "write" -> "access, upload and edit your photos and videos";
      case "delete" -> "access, upload, edit and delete your photos and videos";
      default -> "do \"" + perms + "\" (unknown permission)";
    };
  }

  /**
   * The web sign-in page: a form {@code id="login-form"} POSTing to {@code formAction} with
   * {@code username}/{@code password} ({@code id="login-username"}/{@code id="login-password"}),
   * a submit button {@code id="login-submit"}, and a hidden {@code return_to} if non-null. A
   * non-null {@code error} is shown in {@code id="login-error"} (the page after a bad sign-in).
   */
  public static String signInPage(String formAction, String returnTo, String error) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>Log in to Flickr</h1>\n");
    if (error != null) {
      body.append("<p id=\"login-error\" class=\"error\" role=\"alert\">").append(escapeHtml(error)).append("</p>\n");
    }
    body.append("<form id=\"login-form\" method=\"post\" action=\"").append(escapeHtml(formAction)).append("\">\n");
    if (returnTo != null) {
      body.append("  <input type=\"hidden\" name=\"return_to\" value=\"").append(escapeHtml(returnTo)).append("\">\n");
    }
    body.append("  <label for=\"login-username\">Email address</label>\n");
    body.append("  <input type=\"text\" name=\"username\" id=\"login-username\" autocomplete=\"username\">\n");
    body.append("  <label for=\"login-password\">Password</label>\n");
    body.append("  <input type=\"password\" name=\"password\" id=\"login-password\" autocomplete=\"current-password\">\n");
    body.append("  <button type=\"submit\" id=\"login-submit\">Sign in</button>\n");
    body.append("</form>\n");
    return page("Flickr Login", body.toString());
  }

  /** The page after a bad sign-in: the form again, with the error message. */
  public static String signInFailedPage(String formAction, String returnTo) {
    return signInPage(formAction, returnTo, "Invalid password or email address. Please try again.");
  }

  /** The page after a successful sign-in: {@code id="signed-in"} showing the user name. */
  public static String signedInPage(String userName) {
    return page("Flickr: Welcome", "<p id=\"signed-in\">Signed in as <span id=\"signed-in-user\">"
        + escapeHtml(userName) + "</span></p>\n");
  }

  /**
   * The HTML body a Flickr front end answers with for an HTTP error: the nginx-style pages for
   * 500/502/503/504, the exact 429 text Flickr sends, and a plain page for anything else.
   */
  public static String errorBody(int status) {
    return switch (status) {
      case 429 -> "<html><body><h1>429 Too Many Requests</h1>"
          + "You have sent too many requests in a given amount of time.</body></html>";
      case 500 -> nginx("500 Internal Server Error");
      case 502 -> nginx("502 Bad Gateway");
      case 503 -> nginx("503 Service Temporarily Unavailable");
      case 504 -> nginx("504 Gateway Time-out");
      default -> page(status + " " + reason(status), "<h1>" + status + " " + escapeHtml(reason(status)) + "</h1>\n");
    };
  }

  /**
   * The HTML the CDN sometimes answers with status 200 instead of a photo (a "temporarily
   * unavailable" page), so clients that trust the status write HTML into a {@code .jpg}.
   */
  public static String cdnHtmlInsteadOfMedia() {
    return page("Flickr: Temporarily unavailable",
        "<h1>This photo is temporarily unavailable</h1>\n<p>Please try again later.</p>\n");
  }

  /** A generic error page with a title line, e.g. {@code error(404, "Not Found")}. */
  public static String error(int status, String message) {
    return page(status + " " + message, "<h1>" + status + " " + escapeHtml(message) + "</h1>\n");
  }

  /** Same as {@link #signInPage(String, String, String)} without {@code return_to}. */
  public static String signInForm(String formAction, String error) {
    return signInPage(formAction, null, error);
  }

  /** Same as {@link #signedInPage(String)}. */
  public static String signedIn(String userName) {
    return signedInPage(userName);
  }

  /** Same as {@link #authorizedPage(String, String)} for an unnamed app. */
  public static String authorize(String verifier) {
    return authorizedPage("the application", verifier);
  }

  private static String nginx(String title) {
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 410 -> "Gone";
      default -> "Error";
    };
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escapeHtml(title)
        + "</title>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
  }

  /**
   * Escapes text for HTML element content and quoted attribute values: {@code & < > " '}; NUL and
   * other C0 controls except tab/newline/return become U+FFFD so a hostile title cannot break
   * the page.
   */
  public static String escapeHtml(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
