package io.github.flickrbackup.cli;

import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.WarningKind;

/**
 * What a user of this command line can do about a failed item, or one saved with a warning.
 * Core's {@link FailureKind#hint()} says what happened and knows no flags; the flags are this
 * program's, so the advice is here.
 */
final class Advice {
  private Advice() {}

  /**
   * @param kind why an item failed
   * @return one sentence, naming this program's flags where one helps
   */
  static String forFailure(FailureKind kind) {
    // An exhaustive switch: a new kind does not compile until it gets its advice.
    return switch (kind) {
      case NEEDS_WEB_SESSION ->
          "capture a browser session with --obtain-web-session FILE, then run with --web-session FILE";
      case STALE_WEB_SESSION ->
          "the web session has probably expired: capture a new one with --obtain-web-session FILE"
              + " and run with --web-session FILE";
      case NOT_FOUND -> "nothing to do: Flickr no longer has the item; the local copy, if any, is kept";
      case ORIGINAL_UNAVAILABLE ->
          "Flickr still lists it but did not serve the original; the next run tries again";
      case DOWNLOAD_FAILED -> "a network or server problem; the next run tries again (--retry N adds passes now)";
      case CORRUPT_MEDIA -> "Flickr sent something other than the media; nothing was saved and the next run tries again";
      case INVALID_ITEM -> "Flickr's data for it was refused as unsafe, so nothing was written; the message says what";
      case STORE_FAILED -> "check the destination's free space and permissions, then run again";
    };
  }

  /**
   * @param kind why an item was saved with a warning
   * @return one sentence
   */
  static String forWarning(WarningKind kind) {
    return switch (kind) {
      case NOT_ORIGINAL -> "nothing to do: every run asks Flickr again and replaces it once the original is there";
    };
  }
}
