package io.github.flickrbackup;

import io.github.flickrbackup.source.PhotoId;
import java.util.Objects;

/**
 * One item cannot be fetched: it was deleted, Flickr refuses it, or it is served only to a
 * signed-in browser. The run records the item as failed, keeps it pending for the next run,
 * and goes on.
 *
 * <pre>{@code
 * catch (ItemUnavailableException e) {
 *   if (e.kind() == FailureKind.NEEDS_WEB_SESSION) { ... }
 * }
 * }</pre>
 */
public class ItemUnavailableException extends SourceException {
  private static final long serialVersionUID = 1L;

  /** The item that cannot be fetched. */
  private final PhotoId id;
  /** Why it cannot be fetched. */
  private final FailureKind kind;

  /**
   * @param id the item
   * @param kind why it is unavailable
   * @param message details
   */
  public ItemUnavailableException(PhotoId id, FailureKind kind, String message) {
    super(message);
    this.id = Objects.requireNonNull(id, "id");
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** @return the item */
  public PhotoId id() {
    return id;
  }

  /** @return why it is unavailable */
  public FailureKind kind() {
    return kind;
  }
}
