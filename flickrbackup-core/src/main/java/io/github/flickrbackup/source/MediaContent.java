package io.github.flickrbackup.source;

import java.io.Closeable;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An opened media download: the body and what the server said about it.
 *
 * <p>Close it to release the connection, whether or not the body was read to the end.
 *
 * <pre>{@code
 * try (MediaContent media = source.openMedia(item)) {
 *   media.body().transferTo(out);
 * }
 * }</pre>
 */
public interface MediaContent extends Closeable {
  /**
   * The body; reading it may throw {@link java.io.IOException} when the connection fails.
   *
   * @return the body stream, read once
   */
  InputStream body();

  /**
   * The announced length ({@code Content-Length}); absent when the server sent none.
   *
   * @return the length in bytes, or empty
   */
  OptionalLong length();

  /**
   * The announced {@code Content-Type}; not to be trusted for videos.
   *
   * @return the media type, or empty
   */
  Optional<String> contentType();

  /**
   * The file name of a {@code Content-Disposition} header, if any.
   *
   * @return the suggested file name, or empty
   */
  Optional<String> fileName();

  /**
   * The URL the body came from, after redirects.
   *
   * @return the final URL
   */
  URI url();

  /**
   * What the body is when it is not the original: a source that cannot get an item's original
   * may serve a lesser form instead (see {@link PhotoSource#openMedia}). Empty by default.
   *
   * @return the variant served instead of the original, or empty when the body is the original
   */
  default Optional<MediaVariant> substitute() {
    return Optional.empty();
  }
}
