package io.github.flickrbackup.cli;

import io.github.flickrbackup.source.PhotoId;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a list of photo ids for {@code -d FILE}: the format {@code -e} appends (one id a line).
 * Blank lines and lines starting with {@code #} are ignored, and so is a first line
 * {@code Photo ID}, the header {@code cut -d, -f1} keeps from a {@code --find-missing} CSV.
 * Anything else that is not an id stops the run with the file and line named.
 */
final class IdFile {
  private static final String FIND_MISSING_HEADER = "Photo ID";

  private IdFile() {}

  static List<PhotoId> read(Path file) throws CliException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliException("id file " + file + " does not exist");
    } catch (MalformedInputException e) {
      throw new CliException("id file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new CliException("cannot read id file " + file + ": " + e.getMessage(), e);
    }
    Set<PhotoId> ids = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.equals(FIND_MISSING_HEADER))) {
        continue;
      }
      try {
        ids.add(PhotoId.of(line));
      } catch (IllegalArgumentException e) {
        throw new CliException(file + ":" + (i + 1) + ": '" + shorten(line)
            + "' is not a Flickr photo id (1 to 20 digits)");
      }
    }
    if (ids.isEmpty()) {
      throw new CliException("id file " + file + " lists no photo ids");
    }
    return List.copyOf(ids);
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
