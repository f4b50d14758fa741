package io.github.flickrbackup.bench;

import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.FlickrBackup;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.TestToken;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Prints API calls per item, wall time, MB/s and peak heap of full and unchanged runs
 * against the fake. Not a test: run it with
 * {@code mvn -o -pl flickrbackup-core exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.flickrbackup.bench.BackupBenchmark}.
 */
public final class BackupBenchmark {
  private BackupBenchmark() {}

  public static void main(String[] args) throws Exception {
    String only = args.length > 0 ? args[0] : "all";
    if (only.equals("all") || only.equals("small")) {
      scenario("300 items / 20 sets", AccountSpec.seed(1).photos(300).sets(20).averageBytes(50_000), 0, 0);
    }
    if (only.equals("all") || only.equals("large")) {
      scenario("20,000 items / 200 sets", AccountSpec.seed(2).photos(20_000).sets(200).averageBytes(8_000), 0, 0);
    }
    if (only.equals("all") || only.equals("latency")) {
      scenario("300 x 1 MB, 50 ms API / 20 ms media latency",
          AccountSpec.seed(3).photos(300).sets(20).averageBytes(1_000_000), 50, 20);
    }
  }

  static void scenario(String name, AccountSpec spec, long apiLatencyMs, long mediaLatencyMs) throws Exception {
    Path dest = Files.createTempDirectory("flickrbackup-bench");
    try (FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.generate(spec)).hourlyBudget(0).build()) {
      fake.start();
      int items = fake.account().items().size();
      TestToken t = fake.issueAccessToken();
      PhotoSource real = FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
          .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
          .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()))
          .build();
      PhotoSource source = apiLatencyMs > 0 || mediaLatencyMs > 0
          ? new Latency(real, apiLatencyMs, mediaLatencyMs) : real;
      for (String run : new String[] {"full", "unchanged"}) {
        fake.stats().reset();
        resetPeaks();
        long start = System.nanoTime();
        BackupResult r = FlickrBackup.run(BackupPlan.builder().source(source).destination(dest)
            .selection(run.equals("full") ? Selection.updatedSince(Instant.EPOCH) : Selection.sinceLastRun())
            .threads(8).build());
        double secs = (System.nanoTime() - start) / 1e9;
        long calls = fake.stats().apiCalls();
        System.out.printf("%-45s %-9s items=%d listed=%d downloaded=%d failed=%d apiCalls=%d (%.4f/item)"
                + " wall=%.2fs media=%.1fMB %.1fMB/s peakHeap=%dMB%n",
            name, run, items, r.listed(), r.downloaded(), r.failed(), calls, calls / (double) items, secs,
            fake.stats().mediaBytes() / 1e6, fake.stats().mediaBytes() / 1e6 / secs, peakHeapMb());
      }
    } finally {
      try (Stream<Path> s = Files.walk(dest)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / (1024 * 1024);
  }

  /** Adds a fixed delay to every API call and media request, as a distant server would. */
  static final class Latency implements PhotoSource {
    private final PhotoSource d;
    private final long api;
    private final long media;

    Latency(PhotoSource d, long api, long media) {
      this.d = d;
      this.api = api;
      this.media = media;
    }

    private static void sleep(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void listUpdated(Instant since, Consumer<? super RemoteItem> sink) throws SourceException {
      long before = d.apiCalls();
      d.listUpdated(since, sink);
      sleep(api * (d.apiCalls() - before));
    }

    @Override
    public void listFavorites(Instant since, Consumer<? super RemoteItem> sink) throws SourceException {
      long before = d.apiCalls();
      d.listFavorites(since, sink);
      sleep(api * (d.apiCalls() - before));
    }

    @Override
    public List<Album> albums() throws SourceException {
      sleep(api);
      return d.albums();
    }

    @Override
    public void listAlbumMembers(Album album, Consumer<? super PhotoId> sink) throws SourceException {
      sleep(api);
      d.listAlbumMembers(album, sink);
    }

    @Override
    public Optional<RemoteItem> item(PhotoId id) throws SourceException {
      sleep(api);
      return d.item(id);
    }

    @Override
    public List<String> albumIdsOf(PhotoId id) throws SourceException {
      sleep(api);
      return d.albumIdsOf(id);
    }

    @Override
    public URI mediaUrl(RemoteItem item) throws SourceException {
      return d.mediaUrl(item);
    }

    @Override
    public MediaContent openMedia(RemoteItem item) throws SourceException {
      sleep(media);
      return d.openMedia(item);
    }

    @Override
    public long apiCalls() {
      return d.apiCalls();
    }
  }

}
