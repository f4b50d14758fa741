package io.github.flickrbackup;

import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.store.StorePath;
import java.util.Objects;

/**
 * One media file that {@linkplain BackupPlan.Builder#mirror(boolean) mirroring} moved (or, in a
 * dry run or a refused mirror, would move): out of the layout into the attic, or into the new
 * folder of a renamed album. Its metadata files ({@code .txt}, {@code .json}…) move with it and
 * are not listed separately; the catalog records every file's move.
 *
 * @param item the item the file belongs to
 * @param reason why it moves
 * @param from where it was, relative to the destination
 * @param to where it goes: relative to the destination (the attic under
 *     {@code .flickrbackup/attic/}, or the renamed album's folder), or an absolute path in an
 *     attic given with {@link BackupPlan.Builder#attic(java.nio.file.Path)}
 */
public record MirrorMove(PhotoId item, Reason reason, StorePath from, String to) {
  /**
   * Checks that nothing is missing.
   *
   * @param item the item the file belongs to
   * @param reason why it moves
   * @param from where it was
   * @param to where it goes
   */
  public MirrorMove {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** @return whether the file leaves the layout for the attic (every reason but a renamed album) */
  public boolean toAttic() {
    return reason != Reason.ALBUM_RENAMED;
  }

  /** Why a file moves. */
  public enum Reason {
    /** The item is no longer on Flickr (own items: not in a complete {@code people.getPhotos} listing). */
    DELETED_ON_FLICKR,
    /** The item is no longer among the favorites (a complete favorites listing). */
    UNFAVED,
    /** The item was taken out of this album, which still exists. */
    REMOVED_FROM_ALBUM,
    /** The album this copy was in no longer exists. */
    ALBUM_DELETED,
    /**
     * The item now lives elsewhere in the layout for another reason (it was added to an album
     * and its home folder changed; its original was replaced by another file type).
     */
    RELOCATED,
    /** The album was renamed: the file moves to the album's new folder, not to the attic. */
    ALBUM_RENAMED
  }
}
