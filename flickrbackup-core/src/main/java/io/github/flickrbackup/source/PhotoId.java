package io.github.flickrbackup.source;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of a Flickr photo or video: 1 to 20 decimal digits.
 *
 * <p>Ids become file names, so anything else (a path, a sign, letters) is refused here, at
 * the edge, rather than trusted further in.
 *
 * <pre>{@code
 * PhotoId id = PhotoId.of("53684749845");
 * }</pre>
 *
 * @param value the digits
 */
public record PhotoId(String value) implements Comparable<PhotoId> {
  private static final Pattern DIGITS = Pattern.compile("\\d{1,20}");

  /**
   * Validates the id.
   *
   * @param value the digits
   */
  public PhotoId {
    Objects.requireNonNull(value, "value");
    if (!DIGITS.matcher(value).matches()) {
      throw new IllegalArgumentException("not a Flickr photo id (1-20 digits): '" + value + "'");
    }
  }

  /**
   * Parses an id.
   *
   * @param value the digits
   * @return the id
   * @throws IllegalArgumentException if {@code value} is not 1 to 20 digits
   */
  public static PhotoId of(String value) {
    return new PhotoId(value);
  }

  /** Numeric order, so that listings sort as Flickr sorts them. */
  @Override
  public int compareTo(PhotoId other) {
    int byLength = Integer.compare(value.length(), other.value.length());
    return byLength != 0 ? byLength : value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
