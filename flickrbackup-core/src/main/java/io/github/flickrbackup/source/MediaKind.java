package io.github.flickrbackup.source;

/** Whether an item is a photo or a video (Flickr's {@code media} attribute). */
public enum MediaKind {
  /** A still image: JPEG, PNG or GIF original. */
  PHOTO,
  /** A video; its {@code originalformat} describes the poster image, not the video. */
  VIDEO
}
