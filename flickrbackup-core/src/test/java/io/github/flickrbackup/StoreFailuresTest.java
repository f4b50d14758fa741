package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.store.FileSystemStore;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.MediaStoreException;
import io.github.flickrbackup.store.MediaStoreException.Reason;
import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StoreFeatures;
import io.github.flickrbackup.store.StorePath;
import io.github.flickrbackup.store.StoredFile;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.MediaFormat;
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a run does with each kind of store failure, and with the store's features. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreFailuresTest {
  static final String TRIPS = "72157600000000001";
  static final String FAMILY = "72157600000000002";
  /** The item whose media the scripted store fails. */
  static final String VICTIM = "1002";

  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.builder()
          .owner("12345678@N00", "alice", "Alice Example")
          .set(TRIPS, "Trips")
          .set(FAMILY, "Family")
          .photo("1001", p -> p.taken("2011-04-02 18:55:46").format(MediaFormat.JPEG).bytes(9_000).inSets(TRIPS, FAMILY))
          .photo(VICTIM, p -> p.taken("2011-04-03 10:00:00").format(MediaFormat.JPEG).bytes(9_000).inSets(TRIPS))
          .photo("1003", p -> p.taken("2012-05-06 07:08:09").format(MediaFormat.PNG).bytes(7_000).inSets(FAMILY, TRIPS))
          .photo("1004", p -> p.taken("2013-01-01 00:00:00").format(MediaFormat.JPEG).bytes(5_000))
          .build())
      .build();

  @TempDir Path dir;

  PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build();
  }

  BackupPlan.Builder plan(MediaStore store) {
    return BackupPlan.builder().source(source()).store(store, dir.resolve("state"))
        .selection(Selection.updatedSince(Instant.EPOCH))
        .downloadRetry(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(50)));
  }

  ScriptedStore store(StoreFeatures features) throws IOException {
    return new ScriptedStore(FileSystemStore.at(dir.resolve("dest")), features);
  }

  static boolean isVictim(StorePath p) {
    return p.fileName().startsWith(VICTIM + ".");
  }

  @ParameterizedTest
  @EnumSource(value = Reason.class, names = {"NO_SPACE", "READ_ONLY", "PERMISSION_DENIED"})
  void aReasonThatConcernsTheWholeDestinationStopsTheRunWhateverTheMessage(Reason reason) throws IOException {
    ScriptedStore store = store(new StoreFeatures(true, true));
    // A message no rule could read anything into: only the reason says what happened.
    MediaStoreException failure = new MediaStoreException(reason, "the bucket answered 4711");
    store.failCreate(StoreFailuresTest::isVictim, () -> failure);

    assertThatThrownBy(() -> FlickrBackup.run(plan(store).build()))
        .isInstanceOf(StoreException.class)
        .hasCause(failure);
    assertThat(store.attempts.get()).isEqualTo(1);
  }

  @Test
  void aRefusedPathFailsOnlyThatItemAsInvalidAndIsNotRetried() throws Exception {
    ScriptedStore store = store(new StoreFeatures(true, true));
    store.failCreate(StoreFailuresTest::isVictim,
        () -> new MediaStoreException(Reason.REFUSED_PATH, "no such bucket prefix allowed"));

    BackupResult r = FlickrBackup.run(plan(store).retries(2).build());

    assertThat(r.failures()).extracting(f -> f.id().value(), ItemFailure::kind)
        .containsExactly(tuple(VICTIM, FailureKind.INVALID_ITEM));
    assertThat(r.downloaded()).isEqualTo(3);
    // Retrying cannot help until someone tidies the destination.
    assertThat(store.attempts.get()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"typed OTHER", "plain IOException saying disk full"})
  void otherFailuresFailTheItemAndAreRetriedEvenIfTheMessageSoundsFatal(String form) throws Exception {
    ScriptedStore store = store(new StoreFeatures(true, true));
    // The plain form is how a store written before typed failures reports a full disk: the
    // engine no longer reads messages, so it is one item's failure, not the destination's.
    Supplier<IOException> failure = form.startsWith("typed")
        ? () -> new MediaStoreException(Reason.OTHER, "connection reset by the NAS")
        : () -> new IOException("No space left on device (disk full)");
    store.failCreate(StoreFailuresTest::isVictim, failure);

    BackupResult r = FlickrBackup.run(plan(store).retries(2).build());

    assertThat(r.failures()).extracting(f -> f.id().value(), ItemFailure::kind)
        .containsExactly(tuple(VICTIM, FailureKind.STORE_FAILED));
    assertThat(r.downloaded()).isEqualTo(3);
    assertThat(store.attempts.get()).isEqualTo(3); // the first pass and two retry passes
  }

  @Test
  void aFolderTurnedIntoASymbolicLinkBetweenRunsMakesItsItemsInvalidAndIsNotFollowed() throws Exception {
    Path dest = dir.resolve("dest");
    BackupResult first = FlickrBackup.run(BackupPlan.builder().source(source()).destination(dest)
        .selection(Selection.updatedSince(Instant.EPOCH)).build());
    assertThat(first.failures()).isEmpty();
    // Replace the folder of 1004 (no album) with a link to a copy of it outside the destination.
    Path folder = dest.resolve("2013/01/01");
    Path outside = dir.resolve("outside");
    Files.createDirectories(outside);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) {
        Files.move(f, outside.resolve(f.getFileName()));
      }
    }
    Files.delete(folder);
    Files.createSymbolicLink(folder, outside);
    List<String> outsideBefore = listing(outside);

    // No retry pass: a retry would download the item afresh and meet the link while writing;
    // this is about meeting it while checking the existing file.
    BackupResult second = FlickrBackup.run(BackupPlan.builder().source(source()).destination(dest)
        .selection(Selection.updatedSince(Instant.EPOCH)).retries(0).build());

    assertThat(second.failures()).extracting(f -> f.id().value(), ItemFailure::kind)
        .containsExactly(tuple("1004", FailureKind.INVALID_ITEM));
    assertThat(second.unchanged()).isEqualTo(3);
    assertThat(listing(outside)).isEqualTo(outsideBefore);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void secondAlbumCopiesAreLinksOnlyWhenTheStoreOffersThem(boolean hardLinks) throws Exception {
    ScriptedStore store = store(new StoreFeatures(hardLinks, true));

    BackupResult r = FlickrBackup.run(plan(store).build());

    assertThat(r.failures()).isEmpty();
    // 1001 and 1003 each have a second album: media and .txt are linked or copied there.
    assertThat(store.linkRequests).hasSize(4).allSatisfy(request -> assertThat(request)
        .endsWith(hardLinks ? "link" : "copy"));
    Path dest = dir.resolve("dest");
    Object first = Files.getAttribute(dest.resolve("Trips/2011/04/02/1001.jpg"), "unix:ino");
    Object second = Files.getAttribute(dest.resolve("Family/2011/04/02/1001.jpg"), "unix:ino");
    assertThat(first.equals(second)).as("same inode").isEqualTo(hardLinks);
  }

  private static List<String> listing(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * A folder store that declares the features it is given, records what {@link #link} is
   * asked, and fails chosen writes with a chosen exception, as a custom store would.
   */
  static final class ScriptedStore implements MediaStore {
    private final MediaStore delegate;
    private final StoreFeatures features;
    final List<String> linkRequests = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger attempts = new AtomicInteger();
    private volatile Predicate<StorePath> failing = p -> false;
    private volatile Supplier<? extends IOException> failure;

    ScriptedStore(MediaStore delegate, StoreFeatures features) {
      this.delegate = delegate;
      this.features = features;
    }

    void failCreate(Predicate<StorePath> which, Supplier<? extends IOException> what) {
      this.failure = what;
      this.failing = which;
    }

    @Override
    public StoreFeatures features() {
      return features;
    }

    @Override
    public Optional<StoredFile> stat(StorePath path) throws IOException {
      return delegate.stat(path);
    }

    @Override
    public PendingWrite create(StorePath path) throws IOException {
      if (failing.test(path)) {
        attempts.incrementAndGet();
        throw failure.get();
      }
      return delegate.create(path);
    }

    @Override
    public InputStream open(StorePath path) throws IOException {
      return delegate.open(path);
    }

    @Override
    public void link(StorePath existing, StorePath target, boolean forceCopy) throws IOException {
      linkRequests.add(existing + " -> " + target + ": " + (forceCopy ? "copy" : "link"));
      delegate.link(existing, target, forceCopy);
    }

    @Override
    public boolean delete(StorePath path) throws IOException {
      return delegate.delete(path);
    }

    @Override
    public void walk(Consumer<? super StoredFile> visitor) throws IOException {
      delegate.walk(visitor);
    }
  }
}
