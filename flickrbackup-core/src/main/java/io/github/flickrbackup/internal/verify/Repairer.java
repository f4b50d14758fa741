package io.github.flickrbackup.internal.verify;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.VerifyProblem;
import io.github.flickrbackup.VerifyProblem.Kind;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.StorePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Repairs what a verify found, never deleting anything that is the only good copy:
 * <ul>
 *   <li>An album's copy (missing, damaged, or its metadata missing or different) of an item
 *       whose own files are sound is linked (or copied) again from the item's own files, at
 *       no API call.</li>
 *   <li>Every other damaged item goes through a normal backup run of those ids with
 *       {@code verifyFiles}: a missing or damaged media file is fetched again (atomically,
 *       hashed on the way), metadata is written again and the copies re-linked. A metadata file
 *       that no longer describes the item is removed first, so that the run writes it anew
 *       (it holds nothing Flickr does not).</li>
 *   <li>Unknown files are left alone.</li>
 * </ul>
 */
final class Repairer {
  private final MediaStore store;
  private final List<MetadataWriter> writers;
  private final boolean forceCopies;

  Repairer(MediaStore store, List<MetadataWriter> writers, boolean forceCopies) {
    this.store = store;
    this.writers = List.copyOf(writers);
    this.forceCopies = forceCopies;
  }

  /**
   * @return the backup run that re-fetched and rewrote items, if one was needed
   */
  Optional<BackupResult> repair(BackupPlan plan, List<VerifyProblem> problems, Map<String, String> homes,
      Verification.BackupRunner runner)
      throws IOException, BackupException {
    Map<String, List<VerifyProblem>> byItem = new LinkedHashMap<>();
    for (VerifyProblem p : problems) {
      if (p.kind().repairable()) {
        byItem.computeIfAbsent(p.id().orElseThrow().value(), k -> new ArrayList<>()).add(p);
      }
    }
    Set<PhotoId> rerun = new LinkedHashSet<>();
    List<StorePath> relinked = new ArrayList<>();
    for (Map.Entry<String, List<VerifyProblem>> e : byItem.entrySet()) {
      List<VerifyProblem> itemProblems = e.getValue();
      StorePath home = StorePath.parse(homes.get(e.getKey()));
      if (itemProblems.stream().noneMatch(p -> concernsHome(home, p))) {
        // Only album copies are wrong: link them again from the item's own, sound files.
        relinked.addAll(relinkCopies(home, itemProblems));
      } else {
        for (VerifyProblem p : itemProblems) {
          if (p.kind() == Kind.STALE_METADATA) {
            store.delete(StorePath.parse(p.path())); // written anew by the run
          }
        }
        rerun.add(PhotoId.of(e.getKey()));
      }
    }
    if (!relinked.isEmpty() && store.features().durable()) {
      store.sync(relinked);
    }
    if (rerun.isEmpty()) {
      return Optional.empty();
    }
    BackupPlan again = plan.toBuilder()
        .selection(Selection.ids(new ArrayList<>(rerun)))
        .verifyFiles(true)
        .keepExisting(false)
        .dryRun(false)
        .build();
    return Optional.of(runner.run(again));
  }

  /** Whether a problem is about the item's own files (its media file or a metadata file beside it). */
  private boolean concernsHome(StorePath home, VerifyProblem p) {
    if (p.path().equals(home.toString())) {
      return true;
    }
    for (MetadataWriter w : writers) {
      if (p.path().equals(Verifier.metadataOf(home, w).toString())) {
        return true;
      }
    }
    return false;
  }

  /** Links (or copies) the item's own media and metadata over each album copy that has a problem. */
  private List<StorePath> relinkCopies(StorePath home, List<VerifyProblem> problems) throws IOException {
    List<StorePath> done = new ArrayList<>();
    Set<StorePath> copies = new LinkedHashSet<>();
    for (VerifyProblem p : problems) {
      StorePath path = StorePath.parse(p.path());
      copies.add(p.kind() == Kind.MISSING_METADATA || p.kind() == Kind.STALE_METADATA ? mediaOf(path) : path);
    }
    boolean copy = forceCopies || !store.features().hardLinks();
    for (StorePath c : copies) {
      store.link(home, c, copy);
      done.add(c);
      for (MetadataWriter w : writers) {
        store.link(Verifier.metadataOf(home, w), Verifier.metadataOf(c, w), copy);
        done.add(Verifier.metadataOf(c, w));
      }
    }
    return done;
  }

  private StorePath mediaOf(StorePath metadata) {
    for (MetadataWriter w : writers) {
      String name = metadata.fileName();
      if (name.endsWith(w.fileSuffix())) {
        return metadata.resolveSibling(name.substring(0, name.length() - w.fileSuffix().length()));
      }
    }
    return metadata;
  }
}
