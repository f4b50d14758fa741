package io.github.flickrbackup;

/**
 * Why an item failed. Failed items stay pending and are retried on the next run.
 *
 * <p>Each kind's {@link #hint()} says what happened, in terms true for every item of that
 * kind. It names no command-line flag: a front end maps kinds to its own advice.
 */
public enum FailureKind {
  /**
   * Flickr serves this media only to a signed-in browser (its URL answered 404 to a request
   * without session cookies, although getSizes lists it); give the source a
   * {@link io.github.flickrbackup.source.SessionProvider}.
   */
  NEEDS_WEB_SESSION("Flickr serves this media only to a signed-in browser, and no web session was given"),
  /** Session cookies were sent but Flickr still refused the media: the session has probably expired. */
  STALE_WEB_SESSION("Flickr refused the media although web session cookies were sent; the session has probably expired"),
  /** Flickr says the item does not exist (deleted since it was listed); the local copy is kept. */
  NOT_FOUND("Flickr says the item no longer exists (deleted since it was listed); the local copy, if any, is kept"),
  /**
   * Flickr still lists the item, but does not serve its original: the URL answered 404 (or 410)
   * and getSizes offers no other. The local copy, if any, is kept.
   */
  ORIGINAL_UNAVAILABLE("Flickr still lists the item but did not serve its original; the next run tries again"),
  /** Downloading failed after retries (network, server errors, time-outs). */
  DOWNLOAD_FAILED("the download kept failing (network, server errors or time-outs); the next run tries again"),
  /** The bytes were not the expected media (an HTML page, a poster instead of a video, short). */
  CORRUPT_MEDIA("Flickr sent something other than the expected media (an HTML page, a poster, too few bytes); "
      + "nothing was saved and the next run tries again"),
  /** Flickr's data for the item is invalid (an unsafe id, format or host) and was refused. */
  INVALID_ITEM("Flickr's data for this item (an id, secret, format or host) was refused as unsafe"),
  /** The item could not be written to the destination. */
  STORE_FAILED("the item could not be written to the destination; the message says why");

  private final String hint;

  FailureKind(String hint) {
    this.hint = hint;
  }

  /**
   * What happened, in one sentence that holds for every item of this kind. It names no
   * command-line flag (front ends add their own advice).
   *
   * @return one sentence
   */
  public String hint() {
    return hint;
  }
}
