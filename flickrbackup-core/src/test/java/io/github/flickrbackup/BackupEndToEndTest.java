package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import io.github.flickrbackup.internal.catalog.Catalog;
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
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.MediaFormat;
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BackupEndToEndTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(1).photos(300).sets(20).videoShare(0.1)
          .multiSetShare(0.2).averageBytes(5_000)))
      .build();

  @TempDir Path dir;

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder()
        .endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()))
        .maxAttempts(2)
        .build();
  }

  BackupPlan.Builder plan(Path dest) {
    return BackupPlan.builder().source(source()).destination(dest).selection(Selection.updatedSince(Instant.EPOCH))
        .downloadRetry(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(100)));
  }

  static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }

  /** Media files under a destination, by id (all copies). */
  static Map<String, List<Path>> mediaFiles(Path dest) throws IOException {
    Map<String, List<Path>> m = new HashMap<>();
    try (Stream<Path> s = Files.walk(dest)) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(dest.resolve(".flickrbackup")))
          .filter(p -> p.getFileName().toString().matches("\\d+\\.[a-z0-9]+"))
          .forEach(p -> m.computeIfAbsent(p.getFileName().toString().replaceAll("\\..*", ""), k -> new ArrayList<>()).add(p));
    }
    return m;
  }

  @Test
  void firstRunBacksUpEveryItemWithFewApiCalls() throws Exception {
    Path dest = dir.resolve("dest");
    BackupResult r = FlickrBackup.run(plan(dest).build());

    List<FakeItem> items = fake.account().items();
    assertThat(r.failures()).isEmpty();
    assertThat(r.downloaded()).isEqualTo(items.size());
    assertThat(fake.stats().apiCalls()).isLessThanOrEqualTo(30);
    Map<String, List<Path>> files = mediaFiles(dest);
    for (FakeItem item : items) {
      assertThat(files).containsKey(item.id());
      for (Path p : files.get(item.id())) {
        assertThat(sha256(p)).as(p.toString()).isEqualTo(item.sha256());
        assertThat(p.resolveSibling(p.getFileName() + ".txt")).exists();
      }
    }
    assertThat(Files.readString(dest.resolve(".stamp"))).matches("\\d{4}-\\d{2}-\\d{2}");
  }

  @Test
  void unchangedRunCostsAtMostThreeCallsAndNoMediaBytes() throws Exception {
    Path dest = dir.resolve("dest");
    FlickrBackup.run(plan(dest).build());
    fake.stats().reset();

    List<String> touched = java.util.Collections.synchronizedList(new ArrayList<>());
    BackupResult r = FlickrBackup.run(plan(dest).selection(Selection.sinceLastRun()).listener(new BackupListener() {
      @Override
      public void itemFinished(PhotoId id, ItemOutcome outcome) {
        if (outcome != ItemOutcome.UNCHANGED) {
          touched.add(id + " " + outcome);
        }
      }
    }).build());

    assertThat(r.complete()).isTrue();
    assertThat(touched).isEmpty();
    assertThat(r.downloaded() + r.updated() + r.metadataOnly()).isZero();
    assertThat(fake.stats().mediaBytes()).isZero();
    assertThat(fake.stats().apiCalls()).isLessThanOrEqualTo(3);
  }

  @Test
  void metadataOnlyChangeRewritesMetadataWithoutMediaBytes() throws Exception {
    Path dest = dir.resolve("dest");
    FlickrBackup.run(plan(dest).build());
    String id = fake.account().items().get(5).id();
    fake.account().editMetadata(id, e -> e.title("a new title"));
    fake.stats().reset();

    BackupResult r = FlickrBackup.run(plan(dest).selection(Selection.sinceLastRun()).build());

    assertThat(r.metadataOnly()).isGreaterThanOrEqualTo(1);
    assertThat(r.downloaded() + r.updated()).isZero();
    assertThat(fake.stats().mediaBytes()).isZero();
    Path media = mediaFiles(dest).get(id).get(0);
    assertThat(Files.readString(media.resolveSibling(media.getFileName() + ".txt"))).contains("title = a new title");
  }

  @Test
  void replacedMediaIsDownloadedAgain() throws Exception {
    Path dest = dir.resolve("dest");
    FlickrBackup.run(plan(dest).build());
    String id = fake.account().items().get(7).id();
    FakeItem replaced = fake.account().replaceMedia(id);
    fake.stats().reset();

    BackupResult r = FlickrBackup.run(plan(dest).selection(Selection.sinceLastRun()).build());

    assertThat(r.updated()).isEqualTo(1);
    assertThat(fake.stats().downloads(id)).isEqualTo(1);
    for (Path p : mediaFiles(dest).get(id)) {
      assertThat(sha256(p)).isEqualTo(replaced.sha256());
    }
  }

  @Test
  void failedItemStaysPendingAndIsRetriedOnTheNextRunAfterTheMarkMoved() throws Exception {
    Path dest = dir.resolve("dest");
    Path errors = dir.resolve("errors.txt");
    String id = fake.account().items().get(3).id();
    Set<String> broken = ConcurrentHashMap.newKeySet();
    broken.add(id);

    BackupResult first = FlickrBackup.run(plan(dest).source(new FailingSource(source(), broken))
        .errorFile(errors).retries(1).build());
    assertThat(first.failures()).extracting(f -> f.id().value()).containsExactly(id);
    assertThat(Files.readAllLines(errors)).containsExactly(id);
    assertThat(mediaFiles(dest)).doesNotContainKey(id);

    broken.clear();
    fake.stats().reset();
    BackupResult second = FlickrBackup.run(plan(dest).selection(Selection.sinceLastRun()).build());

    assertThat(second.complete()).isTrue();
    assertThat(second.downloaded()).isEqualTo(1);
    assertThat(fake.stats().downloads(id)).isEqualTo(1);
    assertThat(sha256(mediaFiles(dest).get(id).get(0))).isEqualTo(fake.account().item(id).sha256());
  }

  @Test
  void deletedItemKeepsItsLocalCopy() throws Exception {
    Path dest = dir.resolve("dest");
    FlickrBackup.run(plan(dest).build());
    String id = fake.account().items().get(9).id();
    List<Path> copies = mediaFiles(dest).get(id);
    fake.account().delete(id);

    BackupResult r = FlickrBackup.run(plan(dest).selection(Selection.sinceLastRun()).build());

    assertThat(r.complete()).isTrue();
    assertThat(copies).allMatch(Files::exists);
  }

  @Test
  void pendingItemDeletedOnFlickrIsReportedOnceAndKeptLocally() throws Exception {
    Path dest = dir.resolve("dest");
    String id = fake.account().items().get(11).id();
    FlickrBackup.run(plan(dest).source(new FailingSource(source(), Set.of(id))).retries(0).build());
    fake.account().delete(id);

    BackupResult second = FlickrBackup.run(plan(dest).selection(Selection.sinceLastRun()).build());
    assertThat(second.failures()).extracting(ItemFailure::kind).containsExactly(FailureKind.NOT_FOUND);

    BackupResult third = FlickrBackup.run(plan(dest).selection(Selection.sinceLastRun()).build());
    assertThat(third.complete()).isTrue();
  }

  @Test
  void adoptsAPythonToolBackupWithoutDownloadingAgain() throws Exception {
    Path first = dir.resolve("first");
    FlickrBackup.run(plan(first).build());
    // The Python tool's layout: the same files and .stamp, no catalog.
    Path adopted = dir.resolve("python");
    copyWithoutState(first, adopted);
    fake.stats().reset();

    BackupResult r = FlickrBackup.run(plan(adopted).selection(Selection.sinceLastRun()).build());

    assertThat(r.complete()).isTrue();
    assertThat(r.downloaded() + r.updated()).isZero();
    assertThat(fake.stats().mediaBytes()).isZero();
    assertThat(adopted.resolve(".flickrbackup/catalog.db")).exists();
  }

  /** A backup's files and {@code .stamp} without its state folder: the Python tool's layout. */
  private static void copyWithoutState(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.startsWith(from.resolve(".flickrbackup"))) {
          continue;
        }
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Test
  void filesLeftByAKilledFirstRunAreDownloadedAgainNotAdopted() throws Exception {
    // A first run killed before its first batch was recorded: its run is in the catalog, no item
    // is, and the files it renamed may have lost their content in a power cut (their batch sync
    // had not run). They look like a Python-tool backup, but must not be taken for one.
    Path first = dir.resolve("first");
    FlickrBackup.run(plan(first).build());
    Path killed = dir.resolve("killed");
    copyWithoutState(first, killed);
    Files.createDirectories(killed.resolve(".flickrbackup"));
    try (Catalog c = Catalog.open(killed.resolve(".flickrbackup/catalog.db"))) {
      c.runStarted(Instant.now(), "own", Instant.EPOCH);
    }
    fake.stats().reset();

    BackupResult r = FlickrBackup.run(plan(killed).selection(Selection.sinceLastRun()).build());

    assertThat(r.complete()).isTrue();
    assertThat(r.downloaded()).isEqualTo(fake.account().items().size());
  }

  @Test
  void firstSinceLastRunWithoutAnyHistoryNamesTheJavaMethodToCall() {
    assertThatThrownBy(() -> FlickrBackup.run(plan(dir.resolve("d")).selection(Selection.sinceLastRun()).build()))
        .isInstanceOf(NoEarlierRunException.class)
        .hasMessageContaining("Selection.sinceLastRunOr(Instant.EPOCH)")
        .hasMessageContaining("Selection.updatedSince(Instant)")
        .message().doesNotContain("--");
    assertThat(fake.stats().mediaRequests()).isZero();
  }

  @Test
  void secondConcurrentRunIsLockedOut() throws Exception {
    Path dest = dir.resolve("dest");
    Files.createDirectories(dest.resolve(".flickrbackup"));
    try (FileChannel ch = FileChannel.open(dest.resolve(".flickrbackup/lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = ch.lock()) {
      assertThat(held.isValid()).isTrue();
      assertThatThrownBy(() -> FlickrBackup.run(plan(dest).build()))
          .isInstanceOf(StoreException.class).hasMessageContaining("lock");
    }
    assertThat(fake.stats().apiCalls()).isZero();
  }

  @Test
  void dryRunPlansEverythingAndWritesNothing() throws Exception {
    Path dest = dir.resolve("dest");
    BackupResult r = FlickrBackup.run(plan(dest).dryRun(true).build());
    assertThat(r.dryRun()).isTrue();
    assertThat(r.planned()).hasSize(fake.account().items().size());
    assertThat(dest).doesNotExist();
    assertThat(fake.stats().mediaBytes()).isZero();
  }

  @Test
  void revokedTokenStopsTheRunBeforeAnyMediaRequestAndRetriesNothing() throws Exception {
    Path dest = dir.resolve("dest");
    TestToken t = fake.issueAccessToken();
    PhotoSource nightly = FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build();
    FlickrBackup.run(plan(dest).source(nightly).build());
    // Replaced media gives the next run something to download, so "no media request" below
    // means the run stopped, not that there was nothing to fetch.
    FakeItem before = fake.account().item(fake.account().items().get(7).id());
    fake.account().replaceMedia(before.id());
    Path copy = mediaFiles(dest).get(before.id()).get(0);

    // The owner revokes access on Flickr between two nightly runs; count only what follows.
    fake.revokeToken(t.token());
    fake.stats().reset();
    assertThatThrownBy(() -> FlickrBackup.run(plan(dest).source(nightly).selection(Selection.sinceLastRun()).build()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("authorise again");

    assertThat(fake.stats().mediaRequests()).as("media requests after the revocation").isZero();
    assertThat(fake.stats().apiCalls()).as("REST calls after the revocation").isPositive();
    assertThat(fake.stats().apiCallsByMethod()).as("a refused token is not retried")
        .allSatisfy((method, calls) -> assertThat(calls).as(method).isEqualTo(1L));
    assertThat(sha256(copy)).as("the local copy is left as it was").isEqualTo(before.sha256());
  }

  @Test
  void itemsInSeveralAlbumsAreHardLinkedAndFindMissingReportsDeletedMedia() throws Exception {
    Path dest = dir.resolve("dest");
    FlickrBackup.run(plan(dest).build());
    Map<String, List<Path>> files = mediaFiles(dest);
    List<Path> multi = files.values().stream().filter(l -> l.size() > 1).findFirst().orElseThrow();
    assertThat(Files.getAttribute(multi.get(0), "unix:ino")).isEqualTo(Files.getAttribute(multi.get(1), "unix:ino"));

    Files.delete(multi.get(0));
    Path csv = dir.resolve("missing.csv");
    assertThat(FlickrBackup.findMissing(dest, csv)).isEqualTo(1);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("Photo ID,URL,Directory");
    assertThat(lines.get(1)).startsWith(multi.get(0).getFileName().toString().replaceAll("\\..*", "") + ",http");
  }

  @Test
  void forcedCopiesDoNotShareInodes() throws Exception {
    Path dest = dir.resolve("dest");
    FlickrBackup.run(plan(dest).forceCopies(true).build());
    List<Path> multi = mediaFiles(dest).values().stream().filter(l -> l.size() > 1).findFirst().orElseThrow();
    assertThat(Files.getAttribute(multi.get(0), "unix:ino")).isNotEqualTo(Files.getAttribute(multi.get(1), "unix:ino"));
  }

  @Test
  void readOnlyDestinationFailsBeforeAnyApiCall() throws Exception {
    Path dest = Files.createDirectories(dir.resolve("ro"));
    mountTmpfs(dest, "ro,size=1m");
    try {
      assertThatThrownBy(() -> FlickrBackup.run(plan(dest).build()))
          .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
      assertThat(fake.stats().apiCalls()).isZero();
    } finally {
      umount(dest);
    }
  }

  @Test
  void diskFullStopsTheRunWithNothingHalfWritten() throws Exception {
    Path dest = Files.createDirectories(dir.resolve("small"));
    mountTmpfs(dest, "size=1m");
    try {
      assertThatThrownBy(() -> FlickrBackup.run(plan(dest).build()))
          .isInstanceOf(StoreException.class).hasMessageContaining("disk full");
      for (Map.Entry<String, List<Path>> e : mediaFiles(dest).entrySet()) {
        for (Path p : e.getValue()) {
          assertThat(sha256(p)).as(p.toString()).isEqualTo(fake.account().item(e.getKey()).sha256());
        }
      }
      try (Stream<Path> s = Files.walk(dest)) {
        assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part"))).isEmpty();
      }
    } finally {
      umount(dest);
    }
  }

  /**
   * Mounts a small tmpfs at {@code where}: a real read-only or full file system, which no
   * in-process fake gives for SQLite and {@code FileChannel} alike. Mounting needs root, so other
   * users skip the test and are told why; as root a failed mount fails the test, so that CI,
   * which runs as root, cannot lose these tests to a silent skip.
   */
  static void mountTmpfs(Path where, String options) throws Exception {
    long uid = new UnixSystem().getUid();
    assumeTrue(uid == 0, "mounting a tmpfs (mount -t tmpfs -o " + options + ") needs root; running as uid " + uid
        + ", so this test is skipped (CI runs it as root)");
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", where.toString())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("mount finished within 30 s").isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue())
        .as("mount -t tmpfs -o %s failed as root (a container needs CAP_SYS_ADMIN): %s", options, output.strip())
        .isZero();
  }

  static void umount(Path where) throws Exception {
    new ProcessBuilder("umount", where.toString()).start().waitFor(30, TimeUnit.SECONDS);
  }

  /** A real source whose media downloads fail for chosen ids, as a flaky CDN would. */
  static class FailingSource implements PhotoSource {
    private final PhotoSource delegate;
    private final Set<String> broken;

    FailingSource(PhotoSource delegate, Set<String> broken) {
      this.delegate = delegate;
      this.broken = broken;
    }

    @Override
    public void listUpdated(Instant since, Consumer<? super RemoteItem> sink) throws SourceException {
      delegate.listUpdated(since, sink);
    }

    @Override
    public void listFavorites(Instant since, Consumer<? super RemoteItem> sink) throws SourceException {
      delegate.listFavorites(since, sink);
    }

    @Override
    public List<Album> albums() throws SourceException {
      return delegate.albums();
    }

    @Override
    public void listAlbumMembers(Album album, Consumer<? super PhotoId> sink) throws SourceException {
      delegate.listAlbumMembers(album, sink);
    }

    @Override
    public Optional<RemoteItem> item(PhotoId id) throws SourceException {
      return delegate.item(id);
    }

    @Override
    public List<String> albumIdsOf(PhotoId id) throws SourceException {
      return delegate.albumIdsOf(id);
    }

    @Override
    public URI mediaUrl(RemoteItem item) throws SourceException {
      return delegate.mediaUrl(item);
    }

    @Override
    public MediaContent openMedia(RemoteItem item) throws SourceException {
      if (broken.contains(item.id().value())) {
        throw new SourceException("CDN answered 503 for " + item.id());
      }
      return delegate.openMedia(item);
    }

    @Override
    public long apiCalls() {
      return delegate.apiCalls();
    }
  }

  static MediaFormat unused() {
    return MediaFormat.JPEG;
  }
}
