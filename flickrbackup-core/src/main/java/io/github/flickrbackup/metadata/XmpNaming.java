package io.github.flickrbackup.metadata;

/**
 * How {@link MetadataWriters#xmpSidecar(XmpNaming)} names its sidecars. Photo managers look
 * for one name or the other beside a media file {@code ID.EXT}.
 */
public enum XmpNaming {
  /**
   * {@code ID.EXT.xmp}: the media file's whole name plus {@code .xmp}, as darktable and digiKam
   * write and read sidecars (Immich reads it too). Keeps the sidecars of two files that differ
   * only in extension apart.
   */
  DARKTABLE,
  /**
   * {@code ID.xmp}: the media file's extension replaced by {@code .xmp}, as Lightroom and
   * Capture One name sidecars (Immich reads it too; digiKam can be set to read it).
   */
  LIGHTROOM
}
