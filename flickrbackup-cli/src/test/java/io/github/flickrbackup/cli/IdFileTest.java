package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.source.PhotoId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdFileTest {
  @TempDir Path dir;

  @Test
  void readsTheFormatTheErrorFileIsWrittenIn() throws Exception {
    Path f = Files.writeString(dir.resolve("errors.txt"), "53684749845\r\n  1001  \n\n# a comment\n1002\n");
    assertThat(IdFile.read(f)).containsExactly(PhotoId.of("53684749845"), PhotoId.of("1001"), PhotoId.of("1002"));
  }

  @Test
  void skipsTheHeaderThatCutKeepsFromAFindMissingCsv() throws Exception {
    Path f = Files.writeString(dir.resolve("ids.txt"), "Photo ID\n1001\n");
    assertThat(IdFile.read(f)).containsExactly(PhotoId.of("1001"));
  }

  @Test
  void aHeaderLaterInTheFileIsABadLine() throws IOException {
    Path f = Files.writeString(dir.resolve("ids.txt"), "1001\nPhoto ID\n");
    assertThatThrownBy(() -> IdFile.read(f)).hasMessageContaining("ids.txt:2: 'Photo ID' is not a Flickr photo id");
  }

  @Test
  void listsEachIdOnce() throws Exception {
    Path f = Files.writeString(dir.resolve("ids.txt"), "1001\n1001\n1002\n");
    assertThat(IdFile.read(f)).containsExactly(PhotoId.of("1001"), PhotoId.of("1002"));
  }

  @Test
  void refusesAFileWithoutIds() throws IOException {
    Path f = Files.writeString(dir.resolve("ids.txt"), "# nothing\n\n");
    assertThatThrownBy(() -> IdFile.read(f)).isInstanceOf(CliException.class).hasMessageContaining("lists no photo ids");
  }

  @Test
  void refusesAFileThatIsNotText() throws IOException {
    Path f = Files.write(dir.resolve("ids.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    assertThatThrownBy(() -> IdFile.read(f)).isInstanceOf(CliException.class).hasMessageContaining("is not UTF-8 text");
  }

  @Test
  void shortensALongBadLine() throws IOException {
    Path f = Files.writeString(dir.resolve("ids.txt"), "x".repeat(500) + "\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> IdFile.read(f)).hasMessageContaining("ids.txt:1: 'xxx").hasMessageContaining("...'");
  }
}
