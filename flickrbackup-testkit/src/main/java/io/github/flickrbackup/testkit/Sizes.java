package io.github.flickrbackup.testkit;

import java.util.List;

/** Flickr's static image sizes: labels, URL suffixes, extras names and longest edges. */
final class Sizes {
  /**
   * One size. {@code suffix} is the URL suffix ("" for Medium 500), {@code extra} the {@code url_*}
   * extra, {@code edge} the longest edge (0: the original), {@code square} a cropped square.
   */
  record Size(String label, String suffix, String extra, String urlCode, int edge, boolean square) { }

  /** A width and height. */
  record Dim(int width, int height) { }

  static final List<Size> STATIC = List.of(
      new Size("Square", "s", "url_sq", "sq", 75, true),
      new Size("Large Square", "q", "url_q", "q", 150, true),
      new Size("Thumbnail", "t", "url_t", "t", 100, false),
      new Size("Small", "m", "url_s", "s", 240, false),
      new Size("Small 320", "n", "url_n", "n", 320, false),
      new Size("Small 400", "w", "url_w", "w", 400, false),
      new Size("Medium", "", "url_m", "m", 500, false),
      new Size("Medium 640", "z", "url_z", "z", 640, false),
      new Size("Medium 800", "c", "url_c", "c", 800, false),
      new Size("Large", "b", "url_l", "l", 1024, false),
      new Size("Large 1600", "h", "url_h", "h", 1600, false),
      new Size("Large 2048", "k", "url_k", "k", 2048, false),
      new Size("Original", "o", "url_o", "o", 0, false));

  /**
   * A video rendition Flickr lists besides the original: its getSizes label, the {@code /play/}
   * path segment that serves it, and its dimensions ("" where Flickr gives none, as for appletv).
   */
  record Rendition(String label, String variant, String width, String height) { }

  /** The renditions every fake video has, as older Flickr videos list them. */
  static final List<Rendition> VIDEO = List.of(
      new Rendition("Site MP4", "site", "640", "360"),
      new Rendition("Mobile MP4", "mobile", "320", "180"),
      new Rendition("appletv", "appletv", "", ""));

  private Sizes() {}

  /** The dimensions of a size of this item, or null when the original is too small for it. */
  static Dim dim(FakeItem it, Size s) {
    int w = it.width();
    int h = it.height();
    if (s.edge() == 0) return new Dim(w, h);
    if (s.square()) return new Dim(s.edge(), s.edge());
    int longest = Math.max(w, h);
    if (longest < s.edge() && s.edge() > 240) return null;
    double f = (double) s.edge() / longest;
    return new Dim(Math.max(1, (int) Math.round(w * f)), Math.max(1, (int) Math.round(h * f)));
  }

  /** The static URL of a size, on this fake. */
  static String source(String base, FakeItem it, Size s) {
    if (s.edge() == 0) {
      return base + it.server() + "/" + it.id() + "_" + it.originalSecret() + "_o." + it.originalFormat();
    }
    String secret = sizeSecret(it, s.suffix());
    return base + it.server() + "/" + it.id() + "_" + secret + (s.suffix().isEmpty() ? "" : "_" + s.suffix()) + ".jpg";
  }

  /** Sizes h and k have their own secret on Flickr. */
  static String sizeSecret(FakeItem it, String suffix) {
    if (suffix.equals("h") || suffix.equals("k")) return Hex.of(it.secret() + suffix).substring(0, 10);
    return it.secret();
  }
}
