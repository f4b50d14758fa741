package io.github.flickrbackup.store;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;

/**
 * A {@link MediaStore} failure that says what happened, so that the engine can decide what
 * to do without reading the message. The message is for people; the {@link #reason()} is for
 * code.
 *
 * <p>A store throws this from any of its methods (and from a {@link PendingWrite}'s stream and
 * {@link PendingWrite#commit()}). The one exception: {@link MediaStore#open} and
 * {@link MediaStore#link} report a missing file as {@link NoSuchFileException}, so that callers
 * catching it keep working; {@link #reasonOf(IOException)} classifies it as
 * {@link Reason#NOT_FOUND}. Any other {@code IOException} counts as {@link Reason#OTHER}.
 *
 * <pre>{@code
 * // in a store
 * throw new MediaStoreException(Reason.NO_SPACE, "disk full: cannot write " + path, cause);
 *
 * // in a caller
 * catch (IOException e) {
 *   switch (MediaStoreException.reasonOf(e)) {
 *     case NO_SPACE, READ_ONLY, PERMISSION_DENIED -> stop(e);
 *     default -> skipItem(e);
 *   }
 * }
 * }</pre>
 */
public class MediaStoreException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * What went wrong. The engine's response to each is part of the contract: the first three
   * stop the run (every further write would fail the same way), the others fail one item,
   * which stays pending and is retried by a later run.
   */
  public enum Reason {
    /**
     * The destination has no room left: the volume is full or a quota is used up. Stops the
     * run; nothing half-written is left under a final name.
     */
    NO_SPACE,
    /**
     * The destination cannot be written at all: a read-only mount, a write-protected medium,
     * read-only credentials. Stops the run.
     */
    READ_ONLY,
    /**
     * The store may not read or write this place: file permissions, an ACL, credentials that
     * lack a right. Stops the run: it usually holds for the whole destination, and the fix
     * (the permissions) is the user's.
     */
    PERMISSION_DENIED,
    /**
     * There is no file at the path, for example on {@link MediaStore#open} or as the source
     * of {@link MediaStore#link}. Fails the item, which a later pass or run fetches again.
     */
    NOT_FOUND,
    /**
     * The store refuses the path: it passes through a symbolic link, it would leave the
     * store's root, or a file stands where a folder must be (or a folder where a file must
     * be). Nothing is read or written there. Fails the item; retrying cannot help until
     * someone tidies the destination, so the run does not retry it.
     */
    REFUSED_PATH,
    /**
     * Anything else: an I/O error, a dropped connection to a remote store. Fails the item,
     * which the run's retry passes and later runs try again.
     */
    OTHER
  }

  private final Reason reason;

  /**
   * A failure without an underlying exception.
   *
   * @param reason what happened
   * @param message what happened, for people, naming the path involved
   * @throws NullPointerException if {@code reason} is null
   */
  public MediaStoreException(Reason reason, String message) {
    this(reason, message, null);
  }

  /**
   * A failure caused by another.
   *
   * @param reason what happened
   * @param message what happened, for people, naming the path involved
   * @param cause the underlying exception, or null
   * @throws NullPointerException if {@code reason} is null
   */
  public MediaStoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * What happened.
   *
   * @return the reason, never null
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Classifies any exception a store threw, by its type alone: a {@code MediaStoreException}
   * gives its reason, a {@link NoSuchFileException} is {@link Reason#NOT_FOUND}, anything
   * else is {@link Reason#OTHER}. The message is never read.
   *
   * @param e an exception from a {@link MediaStore} or {@link PendingWrite}
   * @return its reason
   * @throws NullPointerException if {@code e} is null
   */
  public static Reason reasonOf(IOException e) {
    Objects.requireNonNull(e, "e");
    if (e instanceof MediaStoreException m) {
      return m.reason();
    }
    return e instanceof NoSuchFileException ? Reason.NOT_FOUND : Reason.OTHER;
  }
}
