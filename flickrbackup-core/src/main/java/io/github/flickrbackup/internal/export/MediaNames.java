package io.github.flickrbackup.internal.export;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Matches the name of a media file in a Flickr export to a photo id. The rules (also in
 * {@code docs/seeding.md}):
 *
 * <ol>
 *   <li>Take the file name without its folder and extension, and without a trailing {@code _o}.
 *   <li>Candidates: the <em>last</em> {@code _}-separated group that is all digits
 *       ({@code <slug>_<id>_o}, {@code <slug>_<id>} for videos; a slug may hold digits and
 *       underscores of its own, so only the last group counts), and the <em>first</em> group
 *       when the name is {@code <digits>_<hex>} ({@code <id>_<secret>_o}, where an all-digit
 *       secret would otherwise pass for the id), and the whole name when it is all digits.
 *   <li>A candidate counts only when the export has {@code photo_<id>.json} for it. Exactly one
 *       such candidate is the match; none is "no id", two are "ambiguous". Neither is guessed.
 * </ol>
 */
public final class MediaNames {
  private static final Pattern DIGITS = Pattern.compile("\\d{1,20}");
  private static final Pattern ID_SECRET = Pattern.compile("^(\\d{1,20})_[0-9a-f]{6,40}$");
  /** Extensions of the media an export holds; other files are not media. */
  private static final Set<String> MEDIA = Set.of("jpg", "jpeg", "png", "gif", "mp4", "mov", "avi", "m4v", "3gp",
      "mpg", "mpeg", "wmv", "webm", "mts", "m2ts", "ogv", "tif", "tiff", "heic", "bmp", "webp");

  private MediaNames() {}

  /** The outcome of matching one file name. */
  public sealed interface Match permits Matched, NoId, Ambiguous, NotMedia {}

  /** @param id the photo id */
  public record Matched(String id) implements Match {}

  /** No candidate of the name has metadata in the export. */
  public record NoId() implements Match {}

  /** @param ids several candidates have metadata */
  public record Ambiguous(List<String> ids) implements Match {}

  /** Not a media file by its extension (a JSON file, a README, {@code .DS_Store}). */
  public record NotMedia() implements Match {}

  /**
   * @param fileName the file's name (no folders)
   * @param known whether the export has metadata for an id
   * @return the match
   */
  public static Match match(String fileName, Predicate<String> known) {
    int dot = fileName.lastIndexOf('.');
    if (dot <= 0 || !MEDIA.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT))) {
      return new NotMedia();
    }
    String stem = fileName.substring(0, dot);
    if (stem.endsWith("_o")) {
      stem = stem.substring(0, stem.length() - 2);
    }
    Set<String> candidates = new LinkedHashSet<>();
    String[] groups = stem.split("_", -1);
    for (int i = groups.length - 1; i >= 0; i--) {
      if (DIGITS.matcher(groups[i]).matches()) {
        candidates.add(groups[i]);
        break;
      }
    }
    var idSecret = ID_SECRET.matcher(stem);
    if (idSecret.matches()) {
      candidates.add(idSecret.group(1));
    }
    List<String> found = new ArrayList<>();
    for (String c : candidates) {
      if (known.test(c)) {
        found.add(c);
      }
    }
    if (found.isEmpty()) {
      return new NoId();
    }
    return found.size() == 1 ? new Matched(found.get(0)) : new Ambiguous(found);
  }
}
