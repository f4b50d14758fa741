package io.github.flickrbackup;

/**
 * Why an item failed. Failed items stay pending and are retried on the next run.
 */
public enum FailureKind {
  /** Flickr serves this media only to a signed-in browser; give a web session file. */
  NEEDS_WEB_SESSION("capture a browser session with --obtain-web-session FILE, then run with --web-session FILE"),
  /** A web session was sent but Flickr still refused: the session is probably stale. */
  STALE_WEB_SESSION("the web session is probably stale: capture a new one with --obtain-web-session FILE"),
  /** Flickr says the item does not exist (deleted since it was listed); the local copy is kept. */
  NOT_FOUND("the item was deleted on Flickr; the local copy, if any, is kept"),
  /**
   * Flickr still lists the item, but does not serve its original: the URL answered 404 (or 410)
   * and getSizes offers no other. The local copy, if any, is kept.
   */
  ORIGINAL_UNAVAILABLE("Flickr still lists the item but did not serve its original; the next run tries again"),
  /** Downloading failed after retries (network, server errors, time-outs). */
  DOWNLOAD_FAILED("a transient problem; the next run retries it"),
  /** The bytes were not the expected media (an HTML page, a poster instead of a video, short). */
  CORRUPT_MEDIA("Flickr sent something that is not the original; the next run retries it"),
  /** Flickr's data for the item is invalid (an unsafe id, format or host) and was refused. */
  INVALID_ITEM("Flickr's data for this item was refused as unsafe; see the log"),
  /** The item could not be written to the destination. */
  STORE_FAILED("check the destination's free space and permissions");

  private final String hint;

  FailureKind(String hint) {
    this.hint = hint;
  }

  /**
   * What the user can do about it.
   *
   * @return one sentence
   */
  public String hint() {
    return hint;
  }
}
