package io.github.flickrbackup.bench;

import io.github.flickrbackup.metadata.ItemRecord;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.RemoteItem;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * What one metadata file costs to render, per writer: microseconds per item and bytes, for a
 * typical item (title, five tags, a paragraph of description, a position, a licence, an album).
 * Prints figures; asserts nothing. Run from core's test classes:
 * {@code java -cp <test-classpath> io.github.flickrbackup.bench.SidecarRenderBenchmark [items]}.
 */
public final class SidecarRenderBenchmark {
  private SidecarRenderBenchmark() {}

  /**
   * Renders the item with each built-in writer and prints the figures.
   *
   * @param args optionally the number of measured renders per writer (default 50,000)
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    RemoteItem item = RemoteItem.builder(PhotoId.of("5628095432"), MediaKind.PHOTO).owner("12345678@N00")
        .ownerName("alice").title("Robot at the fair").description("Seen at the fair, with friends. ".repeat(5))
        .tags(List.of("robot", "sanfrancisco", "fair", "2011", "lens:type=1755mmf28"))
        .dateTaken("2011-04-02 18:55:46").lastUpdate(Instant.ofEpochSecond(1_714_311_279L))
        .geo(new RemoteItem.Geo(37.774929, -122.419416, 16)).license("4").build();
    ItemRecord record = new ItemRecord(item, List.of(new Album("72157600000000001", "Trips", "", Instant.EPOCH, 1, 0)),
        URI.create("https://live.staticflickr.com/5150/5628095432_815e3b9f27_o.jpg"), "5628095432.jpg");
    for (MetadataWriter w : List.of(MetadataWriters.ini(), MetadataWriters.jsonSidecar(), MetadataWriters.xmpSidecar())) {
      long sink = 0;
      for (int i = 0; i < n / 2; i++) {
        sink += w.render(record).length; // warm-up
      }
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink += w.render(record).length;
      }
      long elapsed = System.nanoTime() - start;
      System.out.printf("%-5s %7.1f us/item  %5d bytes  (%d renders, checksum %d)%n", w.fileSuffix(),
          elapsed / 1000.0 / n, w.render(record).length, n, sink);
    }
  }
}
