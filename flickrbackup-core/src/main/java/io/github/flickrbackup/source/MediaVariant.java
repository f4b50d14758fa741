package io.github.flickrbackup.source;

import java.net.URI;
import java.util.Objects;

/**
 * A form of an item's media that is not the original, served because the original cannot be
 * had: for a video whose original Flickr does not offer, its largest rendition.
 *
 * <pre>{@code
 * try (MediaContent media = source.openMedia(item)) {
 *   media.substitute().ifPresent(v -> System.out.println("not the original: " + v.label()));
 * }
 * }</pre>
 *
 * @param label the source's name for it, e.g. Flickr's getSizes label {@code "Site MP4"}
 * @param url the stable URL it is served from (for Flickr videos a {@code /play/} page, never
 *     an expiring CDN URL)
 */
public record MediaVariant(String label, URI url) {
  /**
   * Validates the variant.
   *
   * @param label the source's name for it, not blank
   * @param url the stable URL it is served from
   */
  public MediaVariant {
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("a media variant needs a label");
    }
    Objects.requireNonNull(url, "url");
  }
}
