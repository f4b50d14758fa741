package io.github.flickrbackup.source;

import java.io.IOException;
import java.util.List;

/**
 * Supplies the cookies of a signed-in Flickr browser session.
 *
 * <p>Some videos download only for a signed-in browser. Core sends these cookies with media
 * downloads to Flickr's hosts; it never captures them itself. The {@code flickrbackup-session}
 * module reads and writes session files and captures them with a real browser.
 *
 * <pre>{@code
 * SessionProvider session = () -> List.of(
 *     new SessionCookie("cookie_session", token, "flickr.com", "/", true, true, null));
 * PhotoSource source = FlickrSource.builder() ... .webSession(session).build();
 * }</pre>
 */
@FunctionalInterface
public interface SessionProvider {
  /**
   * Returns the session's cookies. Called once per run, before downloads start.
   *
   * @return the cookies, possibly empty
   * @throws IOException if the session cannot be read (a malformed or unreadable file)
   */
  List<SessionCookie> cookies() throws IOException;
}
