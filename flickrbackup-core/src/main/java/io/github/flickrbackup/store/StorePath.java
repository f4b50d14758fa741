package io.github.flickrbackup.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A file's place in a {@link MediaStore}: a relative path of safe segments, such as
 * {@code Holidays/2012/02/28/1001.jpg}.
 *
 * <p>Every segment is checked here, so that no store can be handed a path that leaves its
 * root: no empty segment, no {@code .} or {@code ..}, no {@code /}, {@code \} or NUL, no
 * control characters, at most 255 UTF-8 bytes, NFC-normalised. Turning a Flickr title into a
 * safe segment is the engine's job; this type only refuses what is unsafe.
 *
 * <pre>{@code
 * StorePath p = StorePath.of("Holidays", "2012", "02", "28", "1001.jpg");
 * p.fileName();   // "1001.jpg"
 * p.toString();   // "Holidays/2012/02/28/1001.jpg"
 * }</pre>
 *
 * @param segments the path's segments, root first
 */
public record StorePath(List<String> segments) {

  /**
   * Validates every segment.
   *
   * @param segments the path's segments, root first
   */
  public StorePath {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a store path needs at least one segment");
    }
    for (String s : segments) {
      check(s);
    }
  }

  private static void check(String segment) {
    Objects.requireNonNull(segment, "segment");
    if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
      throw new IllegalArgumentException("unsafe path segment: '" + segment + "'");
    }
    if (!Normalizer.isNormalized(segment, Normalizer.Form.NFC)) {
      throw new IllegalArgumentException("path segment is not NFC-normalised: '" + segment + "'");
    }
    if (segment.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
      throw new IllegalArgumentException("path segment longer than 255 bytes: '" + segment + "'");
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("unsafe character in path segment: '" + segment.replaceAll("\\p{Cntrl}", "?") + "'");
      }
    }
  }

  /**
   * Makes a path of segments.
   *
   * @param first the first segment
   * @param more further segments
   * @return the path
   * @throws IllegalArgumentException if a segment is unsafe
   */
  public static StorePath of(String first, String... more) {
    List<String> all = new ArrayList<>(1 + more.length);
    all.add(first);
    all.addAll(List.of(more));
    return new StorePath(all);
  }

  /**
   * Parses a {@code /}-separated relative path, as {@link #toString()} writes it.
   *
   * @param path e.g. {@code "a/b/c.jpg"}
   * @return the path
   * @throws IllegalArgumentException if a segment is unsafe
   */
  public static StorePath parse(String path) {
    return new StorePath(List.of(path.split("/", -1)));
  }

  /**
   * A child of this path.
   *
   * @param segment one more segment
   * @return the longer path
   */
  public StorePath resolve(String segment) {
    List<String> all = new ArrayList<>(segments);
    all.add(segment);
    return new StorePath(all);
  }

  /**
   * A sibling: the same folder, another file name.
   *
   * @param fileName the sibling's name
   * @return the sibling path
   */
  public StorePath resolveSibling(String fileName) {
    List<String> all = new ArrayList<>(segments);
    all.set(all.size() - 1, fileName);
    return new StorePath(all);
  }

  /** @return the last segment */
  public String fileName() {
    return segments.get(segments.size() - 1);
  }

  /** @return the folder segments (empty for a file at the root) */
  public List<String> folder() {
    return segments.subList(0, segments.size() - 1);
  }

  /** The segments joined with {@code /}. */
  @Override
  public String toString() {
    return String.join("/", segments);
  }
}
