package io.github.flickrbackup.session;

import io.github.flickrbackup.session.internal.PrivateFiles;
import io.github.flickrbackup.session.internal.SessionFileFormat;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.SessionCookie;
import io.github.flickrbackup.source.SessionProvider;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads and writes session files: JSON of the shape the Python flickrbackup writes,
 * {@code {"cookies": [...], "localStorage": {...}, "url": "..."}}, so its files keep working.
 *
 * <pre>{@code
 * SessionProvider session = SessionFiles.read(Path.of("session.json"), FlickrEndpoint.flickr(),
 *     warning -> System.err.println("warning: " + warning));
 * PhotoSource source = FlickrSource.builder() ... .webSession(session).build();
 * }</pre>
 *
 * <p>A session file holds the keys to a Flickr account. {@link #write} creates it readable by
 * its owner only (mode 0600); {@link #read} warns when others may read it.
 */
public final class SessionFiles {
  /** No session file is this big; refusing larger ones keeps a wrong path from eating memory. */
  private static final long MAX_BYTES = 16L * 1024 * 1024;

  private SessionFiles() {}

  /**
   * Reads a session file for use with an endpoint. Only cookies for the endpoint's media hosts
   * ({@link FlickrEndpoint#isMediaHost}) are supplied; expired cookies are dropped.
   *
   * <p>Warnings (through {@code warnings}, one line each): the file is readable or writable by
   * other users (with the {@code chmod 600} to fix it); it has no cookie for the endpoint's
   * hosts; every cookie for them has expired (the session must be captured again).
   *
   * @param file the session file
   * @param endpoint which hosts the cookies are for
   * @param warnings receives warnings; must not throw
   * @return the cookies, read once now
   * @throws IOException with a one-line message when the file is missing, unreadable or
   *     malformed (naming the line and field)
   */
  public static SessionProvider read(Path file, FlickrEndpoint endpoint, Consumer<String> warnings)
      throws IOException {
    return read(file, endpoint, warnings, Clock.systemUTC());
  }

  static SessionProvider read(Path file, FlickrEndpoint endpoint, Consumer<String> warnings, Clock clock)
      throws IOException {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(warnings, "warnings");
    CapturedSession session = readAll(file);
    String mode = PrivateFiles.sharedMode(file);
    if (mode != null) {
      warnings.accept("session file " + file + " can be read by other users (mode " + mode
          + ") and it holds your Flickr sign-in: run chmod 600 " + file);
    }
    Instant now = clock.instant();
    List<SessionCookie> forEndpoint = new ArrayList<>();
    int expired = 0;
    for (SessionCookie c : session.cookies()) {
      if (!endpoint.isMediaHost(c.domain())) {
        continue;
      }
      if (c.expiry() != null && !c.expiry().isAfter(now)) {
        expired++;
      } else {
        forEndpoint.add(c);
      }
    }
    if (forEndpoint.isEmpty() && expired > 0) {
      warnings.accept("every cookie in session file " + file + " has expired: sign in again with "
          + "--obtain-web-session " + file);
    } else if (forEndpoint.isEmpty()) {
      TreeSet<String> domains = new TreeSet<>();
      session.cookies().forEach(c -> domains.add(c.domain()));
      warnings.accept("session file " + file + " has no cookie for " + new TreeSet<>(endpoint.mediaHosts())
          + (domains.isEmpty() ? " (it has no cookies at all)" : " (only for " + domains + ")")
          + ": media that need a signed-in browser will not download");
    }
    return new FileSessionProvider(file, forEndpoint);
  }

  /**
   * Reads everything in a session file, unfiltered: every cookie (expired and other sites'
   * too), the {@code localStorage} and the URL.
   *
   * @param file the session file
   * @return its content
   * @throws IOException with a one-line message when the file is missing, unreadable or
   *     malformed
   */
  public static CapturedSession readAll(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new IOException("session file " + file + " is a folder, not a file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new IOException("session file " + file + " is larger than " + MAX_BYTES / 1024 / 1024
            + " MB: it is not a session file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException("session file " + file + " does not exist: capture one with "
          + "--obtain-web-session " + file, e);
    } catch (AccessDeniedException e) {
      throw new IOException("session file " + file + " cannot be read: permission denied", e);
    }
    return SessionFileFormat.parse(bytes, "session file " + file);
  }

  /**
   * Writes a session file atomically, readable and writable by its owner only (mode 0600 on
   * POSIX file systems, from the moment it is created). An existing file is replaced.
   *
   * @param file where to write
   * @param session what to write
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, CapturedSession session) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(session, "session");
    PrivateFiles.writeAtomically(file, SessionFileFormat.format(session));
  }

  /** The cookies of one file, read once. */
  private static final class FileSessionProvider implements SessionProvider {
    private final Path file;
    private final List<SessionCookie> cookies;

    FileSessionProvider(Path file, List<SessionCookie> cookies) {
      this.file = file;
      this.cookies = List.copyOf(cookies);
    }

    @Override
    public List<SessionCookie> cookies() {
      return cookies;
    }

    @Override
    public String toString() {
      return "session file " + file + " (" + cookies.size() + " cookies)";
    }
  }
}
