package io.github.flickrbackup.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunContextTest {
  @TempDir Path dir;

  BackupPlan.Builder plan() {
    return BackupPlan.builder().source(new StubSource()).destination(dir.resolve("dest"));
  }

  @Test
  void aRunHoldsTheLockUntilItIsClosed() throws Exception {
    try (RunContext first = RunContext.open(plan().build())) {
      assertThat(first.catalog().isEmpty()).isTrue();
      assertThatThrownBy(() -> RunContext.open(plan().build()))
          .isInstanceOf(StoreException.class).hasMessageContaining("lock");
    }
    try (RunContext again = RunContext.open(plan().build())) {
      assertThat(again.store()).isPresent();
    }
  }

  @Test
  void temporaryFilesOfAKilledRunAreRemovedAndTheProbeLeavesNothing() throws Exception {
    Path stale = dir.resolve("dest/Trips/.1001.jpg.abcdefghij.part");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "half a photo");
    try (RunContext run = RunContext.open(plan().build())) {
      assertThat(stale).doesNotExist();
      assertThat(run.catalog().isEmpty()).isTrue();
    }
    try (var files = Files.list(dir.resolve("dest"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".flickrbackup", "Trips");
    }
  }

  @Test
  void afterARunThatEndedInOrderOnlyTheRootIsSearchedForTemporaryFiles() throws Exception {
    try (RunContext run = RunContext.open(plan().build())) {
      long id = run.catalog().runStarted(java.time.Instant.now(), "own", java.time.Instant.EPOCH);
      run.catalog().runFinished(id, java.time.Instant.now(), null, 0, 0, "complete");
    }
    Path probe = dir.resolve("dest/.flickrbackup-probe.abcdefghij.part");
    Path deep = dir.resolve("dest/Trips/.1001.jpg.abcdefghij.part");
    Files.createDirectories(deep.getParent());
    Files.writeString(probe, "");
    Files.writeString(deep, "not ours to find without a killed run");
    try (RunContext run = RunContext.open(plan().build())) {
      assertThat(probe).doesNotExist();
      assertThat(deep).exists();
      long id = run.catalog().runStarted(java.time.Instant.now(), "own", java.time.Instant.EPOCH); // this one is "killed"
      assertThat(id).isPositive();
    }
    try (RunContext run = RunContext.open(plan().build())) {
      assertThat(deep).doesNotExist();
      assertThat(run.catalog().lastRunEndedInOrder()).isFalse();
    }
  }

  @Test
  void aDryRunTakesNoLockAndWritesNothing() throws Exception {
    try (RunContext dry = RunContext.open(plan().dryRun(true).build())) {
      assertThat(dry.store()).isEmpty();
      assertThat(dry.catalog().isEmpty()).isTrue();
    }
    assertThat(dir.resolve("dest")).doesNotExist();
  }
}
