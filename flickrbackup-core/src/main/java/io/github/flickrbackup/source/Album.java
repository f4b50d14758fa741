package io.github.flickrbackup.source;

import java.time.Instant;
import java.util.Objects;

/**
 * A Flickr album (photoset) as listed by {@code flickr.photosets.getList}.
 *
 * <p>Titles are not unique on Flickr; two albums may share one. {@code dateUpdate} moves
 * whenever the album's membership or metadata changes, which lets an incremental run
 * re-read only the albums that moved.
 *
 * <pre>{@code
 * for (Album album : source.albums()) {
 *   System.out.println(album.title() + " (" + album.photoCount() + " photos)");
 * }
 * }</pre>
 *
 * @param id the photoset id
 * @param title the title exactly as Flickr returned it (may contain anything)
 * @param description the description, empty when none
 * @param dateUpdate when the album last changed
 * @param photoCount number of photos
 * @param videoCount number of videos
 */
public record Album(
    String id, String title, String description, Instant dateUpdate, int photoCount, int videoCount) {

  /**
   * Validates the album.
   *
   * @param id the photoset id
   * @param title the title exactly as Flickr returned it (may contain anything)
   * @param description the description, empty when none
   * @param dateUpdate when the album last changed
   * @param photoCount number of photos
   * @param videoCount number of videos
   */
  public Album {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[0-9A-Za-z@_-]{1,40}")) {
      throw new IllegalArgumentException("not a Flickr album id: '" + id + "'");
    }
    Objects.requireNonNull(title, "title");
    description = description == null ? "" : description;
    Objects.requireNonNull(dateUpdate, "dateUpdate");
    if (photoCount < 0 || videoCount < 0) {
      throw new IllegalArgumentException("negative count for album " + id);
    }
  }
}
