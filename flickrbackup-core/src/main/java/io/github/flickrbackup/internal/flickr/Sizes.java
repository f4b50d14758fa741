package io.github.flickrbackup.internal.flickr;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code flickr.photos.getSizes} lists for one item, in Flickr's order. */
final class Sizes {
  static final String ORIGINAL = "Original";
  static final String VIDEO_ORIGINAL = "Video Original";

  /** One {@code <size>}; width and height are 0 where Flickr leaves them empty (appletv). */
  record Size(String label, int width, int height, String source, String media) {
    boolean video() {
      return "video".equals(media);
    }

    /** A rendition served from a {@code /play/} page (not the Flash player, not the poster). */
    boolean playable() {
      if (!video() || label.equals(VIDEO_ORIGINAL)) {
        return false;
      }
      try {
        String path = URI.create(source.trim()).getPath();
        return path != null && path.contains("/play/");
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    long pixels() {
      return (long) width * height;
    }
  }

  private final List<Size> sizes;

  Sizes(List<Size> sizes) {
    this.sizes = List.copyOf(sizes);
  }

  /** @return the first size with this label, if any */
  Optional<Size> get(String label) {
    return sizes.stream().filter(s -> s.label().equals(label) && !s.source().isBlank()).findFirst();
  }

  /**
   * The largest video rendition, for a video whose original Flickr does not offer; renditions
   * without dimensions count as smallest, and the first listed wins a tie.
   *
   * @return the rendition, or empty when there is none
   */
  Optional<Size> largestRendition() {
    Size best = null;
    for (Size s : sizes) {
      if (s.playable() && !s.source().isBlank() && (best == null || s.pixels() > best.pixels())) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  /** @return the labels, for messages */
  List<String> labels() {
    List<String> out = new ArrayList<>();
    sizes.forEach(s -> out.add(s.label()));
    return out;
  }
}
