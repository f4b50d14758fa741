package io.github.flickrbackup.session;

import io.github.flickrbackup.source.SessionCookie;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A browser session as captured after signing in, and as stored in a session file: the
 * cookies, the page's {@code localStorage} and the URL the browser was at.
 *
 * <pre>{@code
 * CapturedSession session = BrowserSessionCapture.builder().build().capture();
 * SessionFiles.write(Path.of("session.json"), session);
 * }</pre>
 *
 * <p>Cookie values and {@code localStorage} values are secrets: {@link #toString()} shows
 * only cookie names and storage keys.
 *
 * @param cookies the cookies, in the order the browser gave them
 * @param localStorage the page's {@code localStorage}, key to value, in insertion order
 * @param url the URL of the page when the session was captured, or {@code ""} when unknown
 */
public record CapturedSession(List<SessionCookie> cookies, Map<String, String> localStorage, String url) {

  /**
   * Validates and copies the parts (the record is immutable).
   *
   * @param cookies the cookies, in the order the browser gave them
   * @param localStorage the page's {@code localStorage}, key to value, in insertion order
   * @param url the URL of the page when the session was captured, or {@code ""} when unknown
   */
  public CapturedSession {
    cookies = List.copyOf(Objects.requireNonNull(cookies, "cookies"));
    Objects.requireNonNull(localStorage, "localStorage");
    Map<String, String> copy = new LinkedHashMap<>();
    localStorage.forEach((k, v) -> copy.put(
        Objects.requireNonNull(k, "localStorage key"),
        Objects.requireNonNull(v, () -> "localStorage value of " + k)));
    localStorage = Collections.unmodifiableMap(copy);
    url = url == null ? "" : url;
  }

  /**
   * Whether one of the cookies has one of these names and a value that is not empty.
   *
   * @param names cookie names, such as {@code cookie_session}
   * @return true if such a cookie is present
   */
  public boolean hasCookie(Collection<String> names) {
    return cookies.stream().anyMatch(c -> names.contains(c.name()) && !c.value().isEmpty());
  }

  /** Names the cookies and storage keys, never their values. */
  @Override
  public String toString() {
    return "CapturedSession[cookies=" + cookies.stream().map(SessionCookie::name).toList()
        + ", localStorage keys=" + localStorage.keySet() + ", url=" + url + "]";
  }
}
