package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.TestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileAccountTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(7).photos(120).sets(12).videoShare(0.1)
          .multiSetShare(0.3).averageBytes(5_000).hostile(true)))
      .build();

  @TempDir Path dir;

  /** What the run must do with one item, derived from how the generator made it. */
  private sealed interface Expected {
    /** Backed up: media in the folder of each of its albums (or the top level), with both sidecars. */
    record Downloaded() implements Expected {}

    /** Reported as failed, with this kind, and nothing written for it. */
    record Failed(FailureKind kind) implements Expected {}

    /**
     * A video Flickr offers without {@code Video Original}: its largest rendition is saved (in
     * each album's folder) and the result warns that it is not the original.
     */
    record Rendition() implements Expected {}
  }

  private static Expected expected(FakeItem item) {
    if (item.isVideo() && item.needsBrowserSession()) {
      // Fault matrix row 9: without a web session the /play/ URL answers 404; no session is given.
      return new Expected.Failed(FailureKind.NEEDS_WEB_SESSION);
    }
    if (item.isVideo() && !item.hasVideoOriginal()) {
      return new Expected.Rendition();
    }
    // Hostile titles, set titles and dates (rows 17-21) must not cost an item.
    return new Expected.Downloaded();
  }

  /**
   * The date folders an item lands in: the date part of Flickr's raw {@code datetaken} (the
   * owner's local time, not converted), or the upload date in UTC when the date taken is
   * unknown or zero (fault matrix row 21).
   */
  private static Path dateFolders(FakeItem item) {
    LocalDate d = item.takenUnknown() || item.taken().startsWith("0000")
        ? item.uploaded().atZone(ZoneOffset.UTC).toLocalDate()
        : LocalDate.parse(item.taken().substring(0, 10));
    return Path.of(String.format("%04d", d.getYear()), String.format("%02d", d.getMonthValue()),
        String.format("%02d", d.getDayOfMonth()));
  }

  @Test
  void everyHostileItemIsBackedUpInsideTheDestinationOrReportedAsItsKindDemands() throws Exception {
    TestToken t = fake.issueAccessToken();
    Path dest = dir.resolve("dest");
    // Every event per item, so that a second event for one item shows up instead of overwriting.
    Map<String, List<ItemOutcome>> events = new ConcurrentHashMap<>();
    BackupResult r = FlickrBackup.run(BackupPlan.builder()
        .source(FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
            .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
            .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build())
        .destination(dest)
        .selection(Selection.updatedSince(Instant.EPOCH))
        .downloadRetry(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(100)))
        .metadataWriters(List.of(MetadataWriters.ini(), MetadataWriters.jsonSidecar()))
        .listener(new BackupListener() {
          @Override
          public void itemFinished(PhotoId id, ItemOutcome outcome) {
            events.computeIfAbsent(id.value(), k -> new CopyOnWriteArrayList<>()).add(outcome);
          }

          @Override
          public void itemFailed(ItemFailure failure) {
            events.computeIfAbsent(failure.id().value(), k -> new CopyOnWriteArrayList<>()).add(ItemOutcome.FAILED);
          }
        })
        .build());

    SoftAssertions soft = new SoftAssertions();
    List<FakeItem> items = fake.account().items();
    assertThat(items).as("the hostile cases this test is about are in the account")
        .anyMatch(i -> i.isVideo() && i.needsBrowserSession())
        .anyMatch(i -> i.isVideo() && !i.hasVideoOriginal())
        .anyMatch(FakeItem::takenUnknown)
        .anyMatch(i -> i.taken().startsWith("0000"))
        .anyMatch(i -> i.takenGranularity() != 0)
        .anyMatch(i -> i.title().contains("\u0000"))
        .anyMatch(i -> i.title().contains(".."))
        .anyMatch(i -> i.sets().size() >= 6);
    soft.assertThat(events).as("one event per item").allSatisfy((id, list) -> assertThat(list).as(id).hasSize(1));
    Map<String, ItemOutcome> outcomes = events.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, en -> en.getValue().get(0)));
    Map<String, List<Path>> files = BackupEndToEndTest.mediaFiles(dest);
    Map<String, FailureKind> failures = r.failures().stream()
        .collect(Collectors.toMap(f -> f.id().value(), ItemFailure::kind));
    for (FakeItem item : items) {
      String id = item.id();
      Expected e = expected(item);
      if (e instanceof Expected.Downloaded) {
        soft.assertThat(outcomes.get(id)).as("outcome of %s", item).isEqualTo(ItemOutcome.DOWNLOADED);
        List<Path> copies = files.getOrDefault(id, List.of());
        // One copy per album (hard links), or one at the top level for an item in no album.
        soft.assertThat(copies).as("copies of %s", item).hasSize(Math.max(1, item.sets().size()));
        Set<Path> albumFolders = copies.stream().map(p -> dest.relativize(p))
            .filter(p -> p.getNameCount() == 5).map(p -> p.getName(0)).collect(Collectors.toSet());
        soft.assertThat(albumFolders).as("album folders of %s", item).hasSize(item.sets().size());
        for (Path p : copies) {
          Path rel = dest.relativize(p);
          soft.assertThat(rel.getNameCount()).as("depth of %s", rel).isEqualTo(item.sets().isEmpty() ? 4 : 5);
          soft.assertThat(rel.subpath(rel.getNameCount() - 4, rel.getNameCount() - 1)).as("date folders of %s", rel)
              .isEqualTo(dateFolders(item));
          soft.assertThat(p.getFileName().toString()).as("name of %s", rel).isEqualTo(item.fileName());
          soft.assertThat(BackupEndToEndTest.sha256(p)).as("content of %s", rel).isEqualTo(item.sha256());
          soft.assertThat(p.resolveSibling(p.getFileName() + ".txt")).as("text sidecar of %s", rel).isRegularFile();
          soft.assertThat(p.resolveSibling(p.getFileName() + ".json")).as("JSON sidecar of %s", rel).isRegularFile();
        }
      } else if (e instanceof Expected.Failed f) {
        soft.assertThat(outcomes.get(id)).as("outcome of %s", item).isEqualTo(ItemOutcome.FAILED);
        soft.assertThat(failures.get(id)).as("failure kind of %s", item).isEqualTo(f.kind());
        soft.assertThat(files).as("media of %s", item).doesNotContainKey(id);
      } else {
        soft.assertThat(outcomes.get(id)).as("outcome of %s", item).isEqualTo(ItemOutcome.DOWNLOADED);
        soft.assertThat(r.itemWarnings()).as("warning for %s", item)
            .anyMatch(w -> w.id().value().equals(id) && w.kind() == WarningKind.NOT_ORIGINAL);
        soft.assertThat(files.getOrDefault(id, List.of())).as("copies of %s", item)
            .hasSize(Math.max(1, item.sets().size()));
      }
    }
    soft.assertThat(outcomes.keySet()).as("items the run reported on")
        .containsExactlyInAnyOrderElementsOf(items.stream().map(FakeItem::id).toList());
    // The result's counts agree with the events.
    soft.assertThat(r.downloaded()).as("downloaded count")
        .isEqualTo((int) outcomes.values().stream().filter(o -> o == ItemOutcome.DOWNLOADED).count());
    soft.assertThat(failures.keySet()).as("failed items").containsExactlyInAnyOrderElementsOf(
        outcomes.entrySet().stream().filter(en -> en.getValue() == ItemOutcome.FAILED).map(Map.Entry::getKey).toList());
    soft.assertAll();

    Path real = dest.toRealPath();
    try (Stream<Path> s = Files.walk(dest)) {
      List<Path> all = s.toList();
      for (Path p : all) {
        assertThat(p.toRealPath()).startsWith(real);
        assertThat(Files.isSymbolicLink(p)).isFalse();
        assertThat(p.getFileName().toString()).doesNotEndWith(".null");
        if (p.toString().endsWith(".txt")) {
          // A NUL or newline in a title must not add lines: every .txt keeps the INI shape.
          List<String> lines = Files.readAllLines(p);
          // The Python tool's ten lines; a video saved from a rendition adds two that say so.
          assertThat(lines).as(p.toString()).hasSize(lines.contains("original = no") ? 12 : 10);
          assertThat(lines.get(0)).isEqualTo("[Information]");
        }
      }
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("dest");
    }
  }
}
