package io.github.flickrbackup.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flickrbackup.metadata.ItemRecord;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.RemoteItem;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataWritersTest {
  static final String HOSTILE = "line1\nline2\r\n[Information]\nurl = http://evil\t%(x)s \\ ; # = : \u0000\u202e end ";

  static RemoteItem item(String title, String description) {
    return RemoteItem.builder(PhotoId.of("1001"), MediaKind.PHOTO)
        .title(title).description(description).visibility(true, false, true)
        .dateTaken("2011-04-02 18:55:46").lastUpdate(Instant.ofEpochSecond(1714311279))
        .originalSecret("815e3b9f27").originalFormat("jpg").tags(List.of("green", "robot"))
        .attributes(Map.of("zeta", "1", "alpha", "2")).build();
  }

  static ItemRecord record(String title, String description) {
    return new ItemRecord(item(title, description),
        List.of(new Album("72157600000000001", "Holidays", "", Instant.EPOCH, 1, 0)),
        URI.create("https://live.staticflickr.com/1/1001_815e3b9f27_o.jpg"), "1001.jpg");
  }

  @Test
  void writesThePythonToolsFields() {
    String ini = new String(MetadataWriters.ini().render(record("Robot", "Description")), StandardCharsets.UTF_8);
    assertThat(ini).isEqualTo("[Information]\nid = 1001\ntitle = Robot\ndescription = Description\n"
        + "public = yes\nfriends = no\nfamily = yes\ntaken = 2011-04-02 18:55:46\ntags = green robot\n"
        + "url = https://live.staticflickr.com/1/1001_815e3b9f27_o.jpg\n");
    assertThat(MetadataWriters.ini().fileSuffix()).isEqualTo(".txt");
  }

  @Test
  void hostileTextStaysOnOneLineAndReadsBack() {
    String ini = new String(MetadataWriters.ini().render(record(HOSTILE, HOSTILE)), StandardCharsets.UTF_8);
    assertThat(ini.split("\n")).hasSize(10);
    String titleLine = ini.split("\n")[2];
    assertThat(IniWriter.unescape(titleLine.substring("title = ".length()))).isEqualTo(HOSTILE);
  }

  @Test
  void everyHostileFileParsesWithPythonsConfigparser(@TempDir Path dir) throws Exception {
    assumeTrue(python() != null, "python3 is not installed");
    String[] titles = {HOSTILE, "..", "%", "%%", "50% off", "[x]", "a = b", "  lead", "trail  ", "\ttab", "é\u0301",
        "emoji 😀", "#comment", ";semi", "", "\\", "key: value"};
    for (int i = 0; i < titles.length; i++) {
      Files.write(dir.resolve(i + ".txt"), MetadataWriters.ini().render(record(titles[i], titles[titles.length - 1 - i])));
    }
    String script = "import configparser,sys,glob\n"
        + "for f in sorted(glob.glob(sys.argv[1] + '/*.txt')):\n"
        + "  c = configparser.ConfigParser()\n"
        + "  c.read(f, encoding='utf-8')\n"
        + "  s = c['Information']\n"
        + "  assert s['id'] == '1001', f\n"
        + "  assert len(list(s.keys())) == 9, f\n"
        + "  s['title']; s['description']\n"
        + "print('ok', len(glob.glob(sys.argv[1] + '/*.txt')))\n";
    Process p = new ProcessBuilder(python(), "-c", script, dir.toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out.strip()).isEqualTo("ok " + titles.length);
    assertThat(p.exitValue()).isZero();
  }

  static String python() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "python3");
      if (Files.isExecutable(p)) {
        try {
          Process check = new ProcessBuilder(p.toString(), "-c", "import configparser").start();
          if (check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0) {
            return p.toString();
          }
        } catch (IOException | InterruptedException e) {
          return null;
        }
      }
    }
    return null;
  }

  @Test
  void jsonSidecarHasEveryFieldAndIsDeterministic() throws Exception {
    byte[] a = MetadataWriters.jsonSidecar().render(record(HOSTILE, "d"));
    byte[] b = MetadataWriters.jsonSidecar().render(record(HOSTILE, "d"));
    assertThat(a).isEqualTo(b);
    var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(a);
    assertThat(tree.get("title").asText()).isEqualTo(HOSTILE);
    assertThat(tree.get("originalsecret").asText()).isEqualTo("815e3b9f27");
    assertThat(tree.get("albums").get(0).get("title").asText()).isEqualTo("Holidays");
    assertThat(tree.get("attributes").fieldNames()).toIterable().containsExactly("alpha", "zeta");
    assertThat(tree.get("lastupdate").get("epoch").asLong()).isEqualTo(1714311279L);
    assertThat(MetadataWriters.jsonSidecar().fileSuffix()).isEqualTo(".json");
  }
}
