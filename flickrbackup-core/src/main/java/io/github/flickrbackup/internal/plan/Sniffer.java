package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.internal.layout.Layout;
import io.github.flickrbackup.source.MediaKind;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Recognises media by its first bytes and decides file extensions. */
final class Sniffer {
  static final int HEAD = 16;
  private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mov", "avi", "m4v", "3gp");
  private static final Set<String> PHOTO_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif");

  private Sniffer() {}

  /** @return jpg, png, gif, mov, mp4, avi, or empty when unrecognised */
  static Optional<String> sniff(byte[] head, int n) {
    if (n >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
      return Optional.of("jpg");
    }
    if (n >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
      return Optional.of("png");
    }
    if (n >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8') {
      return Optional.of("gif");
    }
    if (n >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
      String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
      return Optional.of(brand.equals("qt  ") ? "mov" : "mp4");
    }
    if (n >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
        && head[8] == 'A' && head[9] == 'V' && head[10] == 'I') {
      return Optional.of("avi");
    }
    return Optional.empty();
  }

  static boolean isPhoto(String sniffed) {
    return PHOTO_EXTENSIONS.contains(sniffed);
  }

  static boolean isVideo(String sniffed) {
    return VIDEO_EXTENSIONS.contains(sniffed);
  }

  /**
   * The extension for a photo: its {@code originalformat} when safe and consistent with the
   * bytes, else what the bytes say.
   */
  static String photoExtension(String originalFormat, String sniffed) {
    String f = originalFormat.toLowerCase(Locale.ROOT);
    if (f.equals("jpeg")) {
      f = "jpg";
    }
    return PHOTO_EXTENSIONS.contains(f) && f.equals(sniffed) ? f : sniffed;
  }

  /**
   * The extension for a video: Content-Disposition, then the final URL, then the bytes;
   * {@code mov} only when the bytes are QuickTime.
   */
  static String videoExtension(Optional<String> dispositionName, String urlPath, String sniffed) {
    for (String candidate : new String[] {extensionOf(dispositionName.orElse("")), extensionOf(urlPath)}) {
      if (VIDEO_EXTENSIONS.contains(candidate)) {
        if (candidate.equals("mov") && !sniffed.equals("mov")) {
          continue;
        }
        return candidate;
      }
    }
    return sniffed;
  }

  static String extensionOf(String name) {
    if (name == null) {
      return "";
    }
    String n = name;
    int slash = n.lastIndexOf('/');
    if (slash >= 0) {
      n = n.substring(slash + 1);
    }
    int dot = n.lastIndexOf('.');
    if (dot < 0) {
      return "";
    }
    String ext = n.substring(dot + 1).toLowerCase(Locale.ROOT);
    return Layout.EXTENSION.matcher(ext).matches() ? ext : "";
  }

  static boolean matchesKind(MediaKind kind, String sniffed) {
    return kind == MediaKind.PHOTO ? isPhoto(sniffed) : isVideo(sniffed);
  }
}
