package io.github.flickrbackup.testkit;

/** PLACEHOLDER until testkit-parts is merged. */
public enum MediaFormat {
  JPEG("jpg", "image/jpeg", false),
  PNG("png", "image/png", false),
  GIF("gif", "image/gif", false),
  MP4("mp4", "video/mp4", true),
  MOV("mov", "video/quicktime", true),
  AVI("avi", "video/x-msvideo", true);

  private final String extension;
  private final String contentType;
  private final boolean video;

  MediaFormat(String extension, String contentType, boolean video) {
    this.extension = extension;
    this.contentType = contentType;
    this.video = video;
  }

  public String extension() {
    return extension;
  }

  public String contentType() {
    return contentType;
  }

  public boolean isVideo() {
    return video;
  }
}
