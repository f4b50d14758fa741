package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.AuthenticationException;
import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.ItemUnavailableException;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.store.MediaStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What an exception thrown while handling one item means for the run: the item failed (and
 * why, in the user's terms), or the whole run must stop. The one place that classifies.
 */
final class Failures {
  private Failures() {}

  /** The verdict on one exception. */
  sealed interface Verdict permits ItemFailed, Fatal {}

  /** Only this item failed; the run goes on and the item stays pending. */
  record ItemFailed(FailureKind kind, String message, boolean needsSession) implements Verdict {}

  /** The run must stop. */
  record Fatal(BackupException reason) implements Verdict {}

  /** A store failure, kept apart from network failures so that it is never retried as one. */
  static final class StoreIo extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient IOException io;

    StoreIo(IOException io) {
      super(io.getMessage(), io);
      this.io = io;
    }

    IOException io() {
      return io;
    }
  }

  /** The bytes are not the expected media, or not as long as announced. */
  static final class CorruptMedia extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptMedia(String message) {
      super(message);
    }
  }

  /**
   * Classifies what went wrong with one item.
   *
   * @param e what was thrown
   * @param state the state folder, to say whether a catalog failure is a full disk
   * @return the verdict
   */
  static Verdict classify(Exception e, Path state) {
    if (e instanceof AuthenticationException auth) {
      return new Fatal(auth);
    }
    if (e instanceof ItemUnavailableException u) {
      boolean session = u.kind() == FailureKind.NEEDS_WEB_SESSION || u.kind() == FailureKind.STALE_WEB_SESSION;
      return new ItemFailed(u.kind(), u.getMessage(), session);
    }
    if (e instanceof SourceException) {
      return new ItemFailed(FailureKind.DOWNLOAD_FAILED, e.getMessage(), false);
    }
    if (e instanceof CorruptMedia) {
      return new ItemFailed(FailureKind.CORRUPT_MEDIA, e.getMessage(), false);
    }
    if (e instanceof StoreIo s) {
      return storeFailed(s.io());
    }
    if (e instanceof MediaStoreException m) {
      return storeFailed(m); // from a store call not wrapped in StoreIo (stat, open)
    }
    if (e instanceof IOException) {
      return new ItemFailed(FailureKind.DOWNLOAD_FAILED, e.getMessage(), false);
    }
    if (e instanceof IllegalArgumentException) {
      return new ItemFailed(FailureKind.INVALID_ITEM, e.getMessage(), false);
    }
    if (e instanceof SQLException sql) {
      return new Fatal(catalogFailure(state, sql));
    }
    return new ItemFailed(FailureKind.DOWNLOAD_FAILED, "unexpected: " + e, false);
  }

  /** Decided by the store's reason alone; see MediaStoreException.Reason for the contract. */
  private static Verdict storeFailed(IOException io) {
    // A switch expression, so that a new reason does not compile until it is decided here.
    return switch (MediaStoreException.reasonOf(io)) {
      // Every further write would fail too: stop.
      case NO_SPACE, READ_ONLY, PERMISSION_DENIED -> new Fatal(new StoreException(io.getMessage(), io));
      case REFUSED_PATH -> new ItemFailed(FailureKind.INVALID_ITEM, io.getMessage(), false);
      case NOT_FOUND, OTHER -> new ItemFailed(FailureKind.STORE_FAILED, io.getMessage(), false);
    };
  }

  /** Failure kinds that another attempt in the same run cannot cure. */
  static boolean worthRetrying(FailureKind kind) {
    return kind != FailureKind.NOT_FOUND && kind != FailureKind.NEEDS_WEB_SESSION
        && kind != FailureKind.INVALID_ITEM && kind != FailureKind.STALE_WEB_SESSION
        && kind != FailureKind.ORIGINAL_UNAVAILABLE;
  }

  /** SQLite reports a full disk in many ways; say so plainly when space is the problem. */
  static StoreException catalogFailure(Path state, SQLException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    boolean full = m.contains("full");
    try {
      full |= Files.getFileStore(state).getUsableSpace() < 1024 * 1024;
    } catch (IOException ignored) {
      // keep what the message says
    }
    return new StoreException(full
        ? "disk full: no space left on the destination for the catalog in " + state
        : "the catalog in " + state + " cannot be used: " + e.getMessage(), e);
  }
}
