package io.github.flickrbackup.cli;

import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeItem;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a backup folder the way the Python flickrbackup 0.12 lays it out, from a fake account:
 * {@code DEST/SET/YYYY/MM/DD/ID.EXT} (every set of an item, copies), {@code ID.EXT.txt} INI
 * metadata beside it, videos as {@code ID.mov}, and {@code DEST/.stamp}.
 */
final class PythonLayout {
  private PythonLayout() {}

  static void write(Path dest, FakeAccount account, URI base, String stamp) throws IOException {
    Files.createDirectories(dest);
    for (FakeItem item : account.items()) {
      String date = item.taken().split(" ")[0];
      String[] ymd = date.split("-");
      List<Path> folders = new ArrayList<>();
      if (item.sets().isEmpty()) {
        folders.add(dest.resolve(ymd[0]).resolve(ymd[1]).resolve(ymd[2]));
      }
      for (String setId : item.sets()) {
        folders.add(dest.resolve(setFolder(account.set(setId).title())).resolve(ymd[0]).resolve(ymd[1])
            .resolve(ymd[2]));
      }
      String name = item.id() + "." + (item.isVideo() ? "mov" : item.originalFormat());
      for (Path folder : folders) {
        Files.createDirectories(folder);
        Files.write(folder.resolve(name), item.mediaBytes());
        Files.writeString(folder.resolve(name + ".txt"), metadata(item, base), StandardCharsets.UTF_8);
      }
    }
    Files.writeString(dest.resolve(".stamp"), stamp);
  }

  /** The Python tool's folder name for a set title: anything but letters, digits, _-. ?'! becomes _. */
  static String setFolder(String title) {
    StringBuilder b = new StringBuilder();
    title.codePoints().forEach(c -> b.appendCodePoint(
        Character.isLetterOrDigit(c) || "_-. ?'!".indexOf(c) >= 0 ? c : '_'));
    return b.toString();
  }

  private static String metadata(FakeItem item, URI base) {
    return "[Information]\n"
        + "id = " + item.id() + "\n"
        + "title = " + item.title() + "\n"
        + "description = " + item.description().replace("\n", "\n\t") + "\n"
        + "public = " + yesNo(item.isPublic()) + "\n"
        + "friends = " + yesNo(item.isFriend()) + "\n"
        + "family = " + yesNo(item.isFamily()) + "\n"
        + "taken = " + item.taken() + "\n"
        + "tags = " + String.join(" ", item.tags()) + "\n"
        + "url = " + item.mediaUrl(base) + "\n";
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }
}
