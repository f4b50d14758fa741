package io.github.flickrbackup.metadata;

/**
 * Renders an item's metadata file, written beside its media as the media file's name plus
 * {@link #fileSuffix()} (or, when {@link #replacesExtension()}, the name with its extension
 * replaced by the suffix). Built-ins: {@link MetadataWriters#ini()} (the Python tool's
 * {@code .txt}), {@link MetadataWriters#jsonSidecar()} (every field, {@code .json}) and
 * {@link MetadataWriters#xmpSidecar()} (XMP for photo managers, {@code .xmp}).
 * A plan writes the {@code .txt} and then its own writers
 * ({@link io.github.flickrbackup.BackupPlan.Builder#metadataWriters}).
 *
 * <p>Rendering must be deterministic (same record, same bytes) so that unchanged metadata
 * is recognised, must not throw for any text Flickr can return, and must be thread-safe.
 *
 * <pre>{@code
 * MetadataWriter tagsOnly = new MetadataWriter() {
 *   public String fileSuffix() { return ".tags"; }
 *   public byte[] render(ItemRecord r) {
 *     return String.join("\n", r.item().tags()).getBytes(StandardCharsets.UTF_8);
 *   }
 * };
 * }</pre>
 */
public interface MetadataWriter {
  /**
   * The suffix appended to the media file's name, e.g. {@code ".json"}. A plan reads it once
   * and checks it (see {@link io.github.flickrbackup.BackupPlan.Builder#metadataWriters}), so it
   * must always be the same.
   *
   * @return a dot, then letters, digits, {@code _} or {@code -} (more parts separated by
   *     dots), at most 32 characters
   */
  String fileSuffix();

  /**
   * Whether the file's name replaces the media file's extension with {@link #fileSuffix()}
   * ({@code 1001.jpg} → {@code 1001.xmp}, as Lightroom names XMP sidecars) instead of adding
   * the suffix to the whole name ({@code 1001.jpg.xmp}). A plan refuses such a writer unless
   * its suffix is one part and not a media extension ({@code .jpg}, {@code .mp4}, …), which
   * would overwrite media. Like the suffix, it must always be the same. Default: false.
   *
   * @return true to replace the media file's extension
   */
  default boolean replacesExtension() {
    return false;
  }

  /**
   * Renders the metadata file.
   *
   * @param record the item
   * @return the file's content
   */
  byte[] render(ItemRecord record);
}
