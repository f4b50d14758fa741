package io.github.flickrbackup;

import io.github.flickrbackup.source.PhotoId;
import java.util.Objects;

/**
 * An item that was backed up, but not quite as asked: for example a video saved from a
 * rendition because Flickr offers no original.
 *
 * <pre>{@code
 * for (ItemWarning w : result.itemWarnings()) {
 *   System.out.println(w.id() + ": " + w.message());
 * }
 * }</pre>
 *
 * @param id the item
 * @param kind what is not as asked, with {@link WarningKind#hint()} saying what happened
 * @param message details for the log
 */
public record ItemWarning(PhotoId id, WarningKind kind, String message) {
  /**
   * Validates the warning.
   *
   * @param id the item
   * @param kind what is not as asked
   * @param message details for the log; null becomes empty
   */
  public ItemWarning {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    message = message == null ? "" : message;
  }
}
