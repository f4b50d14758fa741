package io.github.flickrbackup;

import io.github.flickrbackup.source.PhotoId;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing {@link FlickrBackup#verify} found wrong in a destination: a file that is damaged,
 * missing or out of date, or a file the catalog does not know.
 *
 * <pre>{@code
 * for (VerifyProblem p : result.problems()) {
 *   System.out.println(p.kind() + " " + p.path() + p.id().map(id -> " (item " + id + ")").orElse(""));
 * }
 * }</pre>
 *
 * @param kind what is wrong
 * @param id the item the file belongs to; empty for an {@link Kind#UNKNOWN} file
 * @param path the file, relative to the destination, with {@code /} between folders
 * @param detail details for people (e.g. the sizes or hashes that differ)
 */
public record VerifyProblem(Kind kind, Optional<PhotoId> id, String path, String detail) {
  /**
   * Validates the problem.
   *
   * @param kind what is wrong
   * @param id the item the file belongs to; empty for an {@link Kind#UNKNOWN} file
   * @param path the file, relative to the destination
   * @param detail details for people; null becomes empty
   */
  public VerifyProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id (Optional.empty() for an unknown file)");
    Objects.requireNonNull(path, "path");
    if (kind != Kind.UNKNOWN && id.isEmpty()) {
      throw new IllegalArgumentException("a " + kind + " problem names its item");
    }
    detail = detail == null ? "" : detail;
  }

  /** What is wrong with a file. */
  public enum Kind {
    /** A media file (the item's own, or an album's copy) whose size or SHA-256 differs from the catalog's. */
    CORRUPT,
    /** The item's media file is missing. */
    MISSING_MEDIA,
    /** A metadata file ({@code .txt}, or another writer's) is missing beside a media file. */
    MISSING_METADATA,
    /**
     * A metadata file does not describe the item as recorded: it names another item or another
     * original, it misses the rendition lines of a video saved from a rendition (or has them for
     * an original), or an album's copy differs from the item's own metadata file.
     */
    STALE_METADATA,
    /** An album's copy (hard link or copy) of a media file is missing. */
    MISSING_COPY,
    /**
     * A file in the layout that the catalog does not record (left alone, also by a repair;
     * the state folder, {@code .stamp} and the store's temporary files are not counted).
     */
    UNKNOWN;

    /** @return whether a repair can fix it (all but {@link #UNKNOWN}, which is only reported) */
    public boolean repairable() {
      return this != UNKNOWN;
    }
  }
}
