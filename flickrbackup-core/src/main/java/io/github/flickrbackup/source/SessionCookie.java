package io.github.flickrbackup.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One cookie of a signed-in Flickr browser session, sent with media downloads that Flickr
 * serves only to a browser.
 *
 * <pre>{@code
 * SessionCookie c = new SessionCookie("cookie_session", "s3cr3t", "flickr.com", "/", true, true, null);
 * }</pre>
 *
 * @param name cookie name
 * @param value cookie value (a secret: never printed by {@link #toString()})
 * @param domain the domain without a leading dot
 * @param path the path, {@code "/"} when unknown
 * @param secure sent only over HTTPS
 * @param httpOnly not visible to scripts
 * @param expiry when the cookie expires, or {@code null} for a session cookie
 */
public record SessionCookie(
    String name, String value, String domain, String path, boolean secure, boolean httpOnly,
    Instant expiry) {

  /**
   * Validates and normalises the cookie (a leading dot of the domain is dropped).
   *
   * @param name cookie name
   * @param value cookie value (a secret: never printed by {@link #toString()})
   * @param domain the domain without a leading dot
   * @param path the path, {@code "/"} when unknown
   * @param secure sent only over HTTPS
   * @param httpOnly not visible to scripts
   * @param expiry when the cookie expires, or {@code null} for a session cookie
   */
  public SessionCookie {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(domain, "domain");
    if (name.isBlank()) {
      throw new IllegalArgumentException("cookie name is blank");
    }
    while (domain.startsWith(".")) {
      domain = domain.substring(1);
    }
    path = path == null || path.isEmpty() ? "/" : path;
  }

  /** Says which cookie this is without its value. */
  @Override
  public String toString() {
    return "SessionCookie[" + name + " for " + domain + path + (expiry == null ? "" : ", expires " + expiry) + "]";
  }
}
