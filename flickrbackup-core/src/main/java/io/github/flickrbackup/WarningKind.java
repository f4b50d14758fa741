package io.github.flickrbackup;

/**
 * Why an item was backed up with a warning. Unlike a {@link FailureKind}, the item is done:
 * it does not make a run incomplete.
 */
public enum WarningKind {
  /**
   * Flickr offers no original of this video, so its largest rendition was saved instead; the
   * catalog and the metadata files say so, and a later run replaces it when the original
   * appears (each run asks).
   */
  NOT_ORIGINAL("Flickr offers no original of this video; its largest rendition was saved instead "
      + "and is replaced when Flickr offers the original");

  private final String hint;

  WarningKind(String hint) {
    this.hint = hint;
  }

  /**
   * What happened, in one sentence that holds for every item of this kind; it names no
   * command-line flag.
   *
   * @return one sentence
   */
  public String hint() {
    return hint;
  }
}
