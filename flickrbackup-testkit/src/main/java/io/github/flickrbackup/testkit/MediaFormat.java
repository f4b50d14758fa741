package io.github.flickrbackup.testkit;

/**
 * The media containers the fake serves, with their file extension and content types.
 *
 * <p>{@link #contentType()} is the type the format really has; {@link #servedContentType()} is
 * the type Flickr's CDN sends for it, which is wrong for {@code .mov} files (Flickr answers
 * {@code video/mp4}), so clients must not trust the header alone.
 *
 * <pre>{@code
 * MediaFormat f = MediaFormat.fromExtension("mov");
 * assert f.servedContentType().equals("video/mp4");
 * }</pre>
 */
public enum MediaFormat {
  /** A JPEG photo with a small EXIF block. */
  JPEG("jpg", "image/jpeg", false),
  /** A PNG photo. */
  PNG("png", "image/png", false),
  /** A GIF89a photo. */
  GIF("gif", "image/gif", false),
  /** An ISO base media (MP4) video. */
  MP4("mp4", "video/mp4", true),
  /** A QuickTime video. */
  MOV("mov", "video/quicktime", true),
  /** A RIFF AVI video. */
  AVI("avi", "video/x-msvideo", true);

  private final String extension;
  private final String contentType;
  private final boolean video;

  MediaFormat(String extension, String contentType, boolean video) {
    this.extension = extension;
    this.contentType = contentType;
    this.video = video;
  }

  /** The file extension without a dot, as Flickr's {@code originalformat} spells it ({@code jpg}). */
  public String extension() {
    return extension;
  }

  /** The correct MIME type of this container. */
  public String contentType() {
    return contentType;
  }

  /** The Content-Type Flickr's CDN sends: {@code video/mp4} for MOV, otherwise {@link #contentType()}. */
  public String servedContentType() {
    return this == MOV ? MP4.contentType : contentType;
  }

  /** Whether this is a video container. */
  public boolean isVideo() {
    return video;
  }

  /**
   * The format for a file extension, case-insensitive, with or without a leading dot; {@code jpeg}
   * is accepted for JPEG.
   *
   * @throws IllegalArgumentException if the extension is not one of the served formats
   */
  public static MediaFormat fromExtension(String extension) {
    String e = extension.startsWith(".") ? extension.substring(1) : extension;
    e = e.toLowerCase(java.util.Locale.ROOT);
    if (e.equals("jpeg")) {
      return JPEG;
    }
    for (MediaFormat f : values()) {
      if (f.extension.equals(e)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown media extension: '" + extension + "' (expected one of jpg, png, gif, mp4, mov, avi)");
  }
}
