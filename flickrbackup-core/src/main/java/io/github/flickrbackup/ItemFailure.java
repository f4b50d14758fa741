package io.github.flickrbackup;

import io.github.flickrbackup.source.PhotoId;
import java.util.Objects;

/**
 * An item that a run could not back up, with the reason.
 *
 * <pre>{@code
 * for (ItemFailure f : result.failures()) {
 *   System.out.println(f.id() + ": " + f.message() + " (" + f.kind().hint() + ")");
 * }
 * }</pre>
 *
 * @param id the item
 * @param kind the reason, with {@link FailureKind#hint()} saying what happened
 * @param message details for the log
 */
public record ItemFailure(PhotoId id, FailureKind kind, String message) {
  /** Validates the failure. */
  public ItemFailure {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    message = message == null ? "" : message;
  }
}
