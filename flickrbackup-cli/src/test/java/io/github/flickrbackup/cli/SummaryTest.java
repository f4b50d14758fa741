package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.ItemWarning;
import io.github.flickrbackup.WarningKind;
import io.github.flickrbackup.source.PhotoId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryTest {
  private static final ItemFailure VIDEO = new ItemFailure(PhotoId.of("1007"), FailureKind.NEEDS_WEB_SESSION,
      "Flickr serves video 1007 only to a signed-in browser");

  private static BackupResult result(List<ItemFailure> failures) {
    return new BackupResult(false, 60, 50, 2, 3, 4, failures, List.of(), 12_345_678, 3, Duration.ofMillis(3200));
  }

  @Test
  void aCompleteRunExitsZeroAndSaysWhatItDid() {
    BackupResult r = result(List.of());
    assertThat(Summary.exitCode(r)).isZero();
    assertThat(Summary.text(r, false)).containsExactly(
        "Done in 3.2 s: 50 new, 2 updated, 3 metadata only, 4 unchanged, 0 failed (60 listed); "
            + "12.3 MB downloaded, 3 API calls.");
  }

  @Test
  void failedItemsExitTwoAndAreListedWithWhatToDo() {
    BackupResult r = result(List.of(VIDEO));
    assertThat(Summary.exitCode(r)).isEqualTo(2);
    assertThat(Summary.text(r, false)).contains(
        "1 item failed; they stay pending and the next run retries them:",
        "  1007: Flickr serves video 1007 only to a signed-in browser -> capture a browser session with "
            + "--obtain-web-session FILE, then run with --web-session FILE");
  }

  @Test
  void theJsonSummaryHasEveryFigureAndFailure() throws Exception {
    JsonNode j = new ObjectMapper().readTree(Summary.json(result(List.of(VIDEO))));
    assertThat(j.path("format").asInt()).isEqualTo(1);
    assertThat(j.path("status").asText()).isEqualTo("failed-items");
    assertThat(j.path("exitCode").asInt()).isEqualTo(2);
    assertThat(j.path("listed").asInt()).isEqualTo(60);
    assertThat(j.path("downloaded").asInt()).isEqualTo(50);
    assertThat(j.path("updated").asInt()).isEqualTo(2);
    assertThat(j.path("metadataOnly").asInt()).isEqualTo(3);
    assertThat(j.path("unchanged").asInt()).isEqualTo(4);
    assertThat(j.path("failed").asInt()).isEqualTo(1);
    assertThat(j.path("bytes").asLong()).isEqualTo(12_345_678);
    assertThat(j.path("apiCalls").asLong()).isEqualTo(3);
    assertThat(j.path("elapsedMillis").asLong()).isEqualTo(3200);
    JsonNode f = j.path("failures").get(0);
    assertThat(f.path("id").asText()).isEqualTo("1007");
    assertThat(f.path("kind").asText()).isEqualTo("NEEDS_WEB_SESSION");
    assertThat(f.path("hint").asText())
        .isEqualTo("capture a browser session with --obtain-web-session FILE, then run with --web-session FILE");
  }

  @Test
  void itemsSavedFromARenditionAreWarningsThatExitZero() throws Exception {
    ItemWarning w = new ItemWarning(PhotoId.of("1004"), WarningKind.NOT_ORIGINAL,
        "Flickr offers no original of this video; its largest rendition, 'Site MP4', is saved instead");
    BackupResult r = new BackupResult(false, 60, 50, 2, 3, 4, List.of(), List.of(w), List.of(), 12_345_678, 3,
        Duration.ofMillis(3200), List.of(), true, Optional.empty());
    assertThat(Summary.exitCode(r)).isZero();
    assertThat(Summary.text(r, false)).containsExactly(
        "Done in 3.2 s: 50 new, 2 updated, 3 metadata only, 4 unchanged, 0 failed (60 listed); "
            + "12.3 MB downloaded, 3 API calls.",
        "1 item is not the original (nothing to do: every run asks Flickr again and replaces it once the "
            + "original is there):",
        "  1004: Flickr offers no original of this video; its largest rendition, 'Site MP4', is saved instead");
    JsonNode j = new ObjectMapper().readTree(Summary.json(r));
    assertThat(j.path("status").asText()).isEqualTo("complete");
    assertThat(j.path("exitCode").asInt()).isZero();
    assertThat(j.path("failures")).isEmpty();
    JsonNode warning = j.path("warnings").get(0);
    assertThat(warning.path("id").asText()).isEqualTo("1004");
    assertThat(warning.path("kind").asText()).isEqualTo("NOT_ORIGINAL");
    assertThat(warning.path("message").asText()).isEqualTo(w.message());
    assertThat(warning.path("hint").asText()).startsWith("nothing to do");
  }

  @Test
  void eachFailureKindGetsTheCommandLinesOwnAdvice() {
    for (FailureKind k : FailureKind.values()) {
      BackupResult r = result(List.of(new ItemFailure(PhotoId.of("1007"), k, "details")));
      assertThat(Summary.text(r, false)).as(k.name()).contains("  1007: details -> " + Advice.forFailure(k));
    }
    assertThat(Advice.forFailure(FailureKind.STALE_WEB_SESSION)).contains("--obtain-web-session", "--web-session");
    assertThat(Advice.forFailure(FailureKind.DOWNLOAD_FAILED)).contains("--retry");
    assertThat(Advice.forFailure(FailureKind.ORIGINAL_UNAVAILABLE)).doesNotContain("deleted", "no longer has");
    assertThat(java.util.Arrays.stream(FailureKind.values()).map(Advice::forFailure)).doesNotHaveDuplicates();
  }

  @Test
  void aDryRunSaysNothingWasWrittenAndListsPlannedItemsWhenVerbose() {
    BackupResult r = new BackupResult(true, 10, 0, 0, 0, 0, List.of(), List.of(PhotoId.of("1001")), 2_000, 1,
        Duration.ofMillis(500));
    assertThat(Summary.text(r, false)).containsExactly(
        "Dry run: 10 listed, 1 would be downloaded (2.00 kB); nothing was written. 1 API call in 0.5 s.");
    assertThat(Summary.text(r, true)).contains("  would download 1001");
  }

  @Test
  void aDryRunWithoutSizesDoesNotClaimZeroBytes() {
    BackupResult r = new BackupResult(true, 3, 0, 0, 0, 0, List.of(), List.of(PhotoId.of("1001")), 0, 2,
        Duration.ofMillis(500));
    assertThat(Summary.text(r, false)).containsExactly(
        "Dry run: 3 listed, 1 would be downloaded; nothing was written. 2 API calls in 0.5 s.");
  }

  private static BackupResult stopped(List<ItemFailure> failures) {
    return new BackupResult(false, 60, 18, 0, 0, 1, failures, List.of(), List.of(), 1_500, 4, Duration.ofMillis(2100),
        List.of(), true, Optional.of(new StoreException("disk full: no space left on /srv/photos\nmore detail")));
  }

  @Test
  void aStoppedRunSaysWhatItDidBeforeAndWhyAndExitsOne() {
    BackupResult r = stopped(List.of(VIDEO));
    assertThat(Summary.exitCode(r)).isEqualTo(ExitCodes.ERROR);
    assertThat(Summary.text(r, false)).containsExactly(
        "Stopped after 2.1 s: 18 new, 0 updated, 0 metadata only, 1 unchanged, 1 failed (60 listed); "
            + "1.50 kB downloaded, 4 API calls.",
        "Stopped by: disk full: no space left on /srv/photos",
        "1 item failed; they stay pending and the next run retries them:",
        "  1007: Flickr serves video 1007 only to a signed-in browser -> " + Advice.forFailure(FailureKind.NEEDS_WEB_SESSION));
  }

  @Test
  void theJsonOfAStoppedRunIsAnErrorWithItsFigures() throws Exception {
    JsonNode j = new ObjectMapper().readTree(Summary.json(stopped(List.of())));
    assertThat(j.path("status").asText()).isEqualTo("error");
    assertThat(j.path("exitCode").asInt()).isEqualTo(1);
    assertThat(j.path("error").asText()).isEqualTo("disk full: no space left on /srv/photos");
    assertThat(j.path("downloaded").asInt()).isEqualTo(18);
  }

  @Test
  void sizesAreHumanReadable() {
    assertThat(Sizes.bytes(999)).isEqualTo("999 B");
    assertThat(Sizes.bytes(1_500)).isEqualTo("1.50 kB");
    assertThat(Sizes.bytes(12_345_678)).isEqualTo("12.3 MB");
    assertThat(Sizes.bytes(123_456_789_000L)).isEqualTo("123 GB");
    assertThat(Sizes.duration(Duration.ofSeconds(3725))).isEqualTo("1 h 02 min");
  }

  @Test
  void anUnconfirmedListingExitsTwoAndSaysSoEvenWithoutFailedItems() throws Exception {
    BackupResult r = new BackupResult(false, 999, 999, 0, 0, 0, List.of(), List.of(), List.of(), 4_096, 6,
        Duration.ofMillis(900), List.of("Flickr's listing stayed incomplete: 999 of 1001 items"), false,
        Optional.empty());

    assertThat(Summary.exitCode(r)).isEqualTo(ExitCodes.FAILED_ITEMS);
    assertThat(Summary.text(r, false)).containsSubsequence(
        "Flickr's listing could not be confirmed complete; the next run lists from the same point again.",
        "  warning: Flickr's listing stayed incomplete: 999 of 1001 items");
    JsonNode json = new ObjectMapper().readTree(Summary.json(r));
    assertThat(json.get("listingComplete").asBoolean()).isFalse();
    assertThat(json.get("runWarnings").get(0).asText()).contains("999 of 1001");
    assertThat(json.get("status").asText()).isEqualTo("failed-items");
  }

  @Test
  void aRunThatCheckedSeededItemsCountsEachDecision() throws Exception {
    BackupResult r = new BackupResult(false, 60, 0, 14, 40, 6, List.of(), List.of(), List.of(), 1_000, 3,
        Duration.ofMillis(3200), List.of(), true, java.util.Optional.empty(),
        new io.github.flickrbackup.SeedChecks(40, 10, 2, 2, 1, 1), io.github.flickrbackup.MirrorOutcome.NOT_REQUESTED);

    assertThat(Summary.text(r, false)).contains("Seeded items: 40 confirmed, 10 re-fetched (changed after the"
        + " export), 2 re-fetched (differed from Flickr's listing), sample checks 1 ok, 1 differed (the download"
        + " replaced the exported file).");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Summary.json(r)).get("seedChecks");
    assertThat(json.get("confirmed").asInt()).isEqualTo(40);
    assertThat(json.get("changedAfterExport").asInt()).isEqualTo(10);
    assertThat(json.get("sampleDiffered").asInt()).isEqualTo(1);
    assertThat(Summary.text(new BackupResult(false, 1, 0, 0, 0, 1, List.of(), List.of(), 0, 1, Duration.ZERO), false))
        .noneMatch(l -> l.startsWith("Seeded items"));
  }
}
