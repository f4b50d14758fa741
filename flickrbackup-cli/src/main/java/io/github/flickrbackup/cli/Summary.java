package io.github.flickrbackup.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.SeedChecks;
import io.github.flickrbackup.SeedResult;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.ItemWarning;
import io.github.flickrbackup.MirrorMove;
import io.github.flickrbackup.MirrorOutcome;
import io.github.flickrbackup.WarningKind;
import io.github.flickrbackup.source.PhotoId;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end of a run, as text for people and as one JSON object for scripts (the format is
 * documented in {@code docs/scripting.md}; fields are only ever added).
 */
final class Summary {
  static final int JSON_FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Summary() {}

  static int exitCode(BackupResult r) {
    return r.stopped() ? ExitCodes.ERROR
        : r.complete() && !r.mirror().refused() ? ExitCodes.OK : ExitCodes.FAILED_ITEMS;
  }

  /**
   * The text summary: one line of figures, then what is wrong with the run as a whole (an
   * unconfirmed listing), the items saved with a warning, then each failure with what to do.
   */
  static List<String> text(BackupResult r, boolean verbose) {
    List<String> lines = new ArrayList<>();
    if (r.stopped()) {
      lines.add(String.format(Locale.ROOT, "Stopped after %s: %s", Sizes.duration(r.elapsed()), figures(r)));
      lines.add("Stopped by: " + Handlers.message(r.stoppedBy().orElseThrow()));
    } else if (r.dryRun()) {
      lines.add(String.format(Locale.ROOT, "Dry run: %d listed, %d would be downloaded%s; nothing was written. "
          + "%s in %s.", r.listed(), r.planned().size(), r.bytes() > 0 ? " (" + Sizes.bytes(r.bytes()) + ")" : "",
          calls(r.apiCalls()), Sizes.duration(r.elapsed())));
      if (verbose) {
        for (PhotoId id : r.planned()) {
          lines.add("  would download " + id);
        }
      }
    } else {
      lines.add(String.format(Locale.ROOT, "Done in %s: %s", Sizes.duration(r.elapsed()), figures(r)));
    }
    SeedChecks seeds = r.seedChecks();
    if (seeds.checked() > 0) {
      lines.add(seedChecks(seeds));
    }
    if (!r.listingComplete()) {
      lines.add("Flickr's listing could not be confirmed complete; the next run lists from the same point again.");
    }
    for (String w : r.warnings()) {
      lines.add("  warning: " + w);
    }
    for (WarningKind kind : WarningKind.values()) {
      List<ItemWarning> of = r.itemWarnings().stream().filter(w -> w.kind() == kind).toList();
      if (!of.isEmpty()) {
        lines.add(heading(kind, of.size()) + " (" + Advice.forWarning(kind) + "):");
        for (ItemWarning w : of) {
          lines.add("  " + w.id() + ": " + (w.message().isEmpty() ? w.kind().hint() : w.message()));
        }
      }
    }
    mirror(r, lines);
    if (!r.failures().isEmpty()) {
      lines.add(r.failed() + (r.failed() == 1 ? " item" : " items")
          + " failed; they stay pending and the next run retries them:");
      for (ItemFailure f : r.failures()) {
        lines.add("  " + f.id() + ": " + (f.message().isEmpty() ? f.kind().name() : f.message())
            + " -> " + Advice.forFailure(f.kind()));
      }
    }
    return lines;
  }

  /** The line of a run that checked items seeded from Flickr's export. */
  static String seedChecks(SeedChecks c) {
    return String.format(Locale.ROOT, "Seeded items: %d confirmed, %d re-fetched (changed after the export), "
        + "%d re-fetched (differed from Flickr's listing), sample checks %d ok%s.", c.confirmed(),
        c.changedAfterExport(), c.mismatched(), c.sampleMatches(),
        c.sampleDiffered() > 0 ? ", " + c.sampleDiffered() + " differed (the download replaced the exported file)"
            : "");
  }

  /** 0 when the export had a file for every item and an item for every file, else 2. */
  static int exitCode(SeedResult r) {
    return r.complete() ? ExitCodes.OK : ExitCodes.FAILED_ITEMS;
  }

  /** The text summary of {@code --seed-from-export}; long lists are cut unless {@code verbose}. */
  static List<String> seedText(SeedResult r, java.nio.file.Path destination, boolean verbose) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "Seeded %d %s (%s) from the export dated %s into %s in %s.", r.seeded(),
        r.seeded() == 1 ? "item" : "items", Sizes.bytes(r.bytes()),
        r.exportDate().atZone(java.time.ZoneOffset.UTC).toLocalDate(), destination, Sizes.duration(r.elapsed())));
    if (!r.alreadyPresent().isEmpty()) {
      lines.add(r.alreadyPresent().size() + " already in the destination, left as they were.");
    }
    if (!r.withoutMedia().isEmpty()) {
      lines.add(r.withoutMedia().size() + (r.withoutMedia().size() == 1 ? " item has" : " items have")
          + " metadata but no media file in the export; the next run downloads them:");
      int shown = 0;
      for (PhotoId id : r.withoutMedia()) {
        if (!verbose && shown++ == 20) {
          lines.add("  ... and " + (r.withoutMedia().size() - 20) + " more (-v lists all)");
          break;
        }
        lines.add("  " + id);
      }
    }
    if (!r.unmatched().isEmpty()) {
      lines.add(r.unmatched().size() + (r.unmatched().size() == 1 ? " file was" : " files were")
          + " not placed (nothing is guessed):");
      int shown = 0;
      for (SeedResult.Unmatched u : r.unmatched()) {
        if (!verbose && shown++ == 20) {
          lines.add("  ... and " + (r.unmatched().size() - 20) + " more (-v lists all)");
          break;
        }
        lines.add("  " + u.file() + ": " + u.reason());
      }
    }
    lines.add("Next: run flickrbackup " + destination + " to check the seeded items against Flickr and download"
        + " what the export lacks or what changed since.");
    return lines;
  }

  /** The JSON summary of {@code --seed-from-export}. */
  static String jsonSeed(SeedResult r, java.nio.file.Path destination) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", JSON_FORMAT);
    o.put("status", r.complete() ? "complete" : "incomplete-export");
    o.put("exitCode", exitCode(r));
    o.put("destination", destination.toString());
    o.put("seeded", r.seeded());
    o.put("bytes", r.bytes());
    o.put("exportDate", r.exportDate().toString());
    ArrayNode present = o.putArray("alreadyPresent");
    r.alreadyPresent().forEach(id -> present.add(id.value()));
    ArrayNode without = o.putArray("withoutMedia");
    r.withoutMedia().forEach(id -> without.add(id.value()));
    ArrayNode unmatched = o.putArray("unmatched");
    for (SeedResult.Unmatched u : r.unmatched()) {
      unmatched.addObject().put("file", u.file()).put("reason", u.reason());
    }
    o.put("elapsedMillis", r.elapsed().toMillis());
    return write(o);
  }

  /** What --mirror moved (a dry run: would move), one line per media file, or why it moved nothing. */
  private static void mirror(BackupResult r, List<String> lines) {
    MirrorOutcome m = r.mirror();
    if (!m.requested()) {
      return;
    }
    boolean would = r.dryRun() || m.refused();
    long renamed = m.moves().stream().filter(x -> !x.toAttic()).count();
    int toAttic = m.itemsToAttic();
    if (m.moves().isEmpty() && !m.refused()) {
      lines.add("Mirror: nothing on Flickr was deleted, unfaved, moved or renamed since the backup.");
    } else {
      lines.add(String.format(Locale.ROOT, "Mirror: %s %d %s to the attic%s:", would ? "would move" : "moved",
          toAttic, toAttic == 1 ? "item" : "items",
          renamed > 0 ? String.format(Locale.ROOT, " and %s %d %s of renamed albums", would ? "would move" : "moved",
              renamed, renamed == 1 ? "file" : "files") : ""));
    }
    for (MirrorMove x : m.moves()) {
      lines.add(String.format(Locale.ROOT, "  %s %s: %s -> %s", x.item(), reason(x.reason()), x.from(), x.to()));
    }
    m.refusal().ifPresent(why -> lines.add("Mirror refused: " + why));
  }

  private static String reason(MirrorMove.Reason reason) {
    return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String figures(BackupResult r) {
    return String.format(Locale.ROOT, "%d new, %d updated, %d metadata only, %d unchanged, %d failed "
        + "(%d listed); %s downloaded, %s.", r.downloaded(), r.updated(), r.metadataOnly(), r.unchanged(),
        r.failed(), r.listed(), Sizes.bytes(r.bytes()), calls(r.apiCalls()));
  }

  private static String heading(WarningKind kind, int n) {
    String items = n + (n == 1 ? " item is" : " items are");
    return switch (kind) {
      case NOT_ORIGINAL -> items + " not the original";
    };
  }

  private static String calls(long n) {
    return n + (n == 1 ? " API call" : " API calls");
  }

  /** The JSON summary of a finished run. */
  static String json(BackupResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", JSON_FORMAT);
    o.put("status", r.stopped() ? "error" : exitCode(r) == ExitCodes.OK ? "complete"
        : r.complete() ? "mirror-refused" : "failed-items");
    o.put("exitCode", exitCode(r));
    r.stoppedBy().ifPresent(e -> o.put("error", Handlers.message(e)));
    o.put("dryRun", r.dryRun());
    o.put("listed", r.listed());
    o.put("downloaded", r.downloaded());
    o.put("updated", r.updated());
    o.put("metadataOnly", r.metadataOnly());
    o.put("unchanged", r.unchanged());
    o.put("failed", r.failed());
    o.put("bytes", r.bytes());
    o.put("apiCalls", r.apiCalls());
    o.put("elapsedMillis", r.elapsed().toMillis());
    ArrayNode failures = o.putArray("failures");
    for (ItemFailure f : r.failures()) {
      ObjectNode n = failures.addObject();
      n.put("id", f.id().value());
      n.put("kind", f.kind().name());
      n.put("message", f.message());
      n.put("hint", Advice.forFailure(f.kind()));
    }
    ArrayNode warnings = o.putArray("warnings");
    for (ItemWarning w : r.itemWarnings()) {
      ObjectNode n = warnings.addObject();
      n.put("id", w.id().value());
      n.put("kind", w.kind().name());
      n.put("message", w.message());
      n.put("hint", Advice.forWarning(w.kind()));
    }
    o.put("listingComplete", r.listingComplete());
    ArrayNode runWarnings = o.putArray("runWarnings");
    r.warnings().forEach(runWarnings::add);
    ArrayNode planned = o.putArray("planned");
    r.planned().forEach(id -> planned.add(id.value()));
    SeedChecks c = r.seedChecks();
    o.putObject("seedChecks").put("confirmed", c.confirmed()).put("changedAfterExport", c.changedAfterExport())
        .put("mismatched", c.mismatched()).put("sampled", c.sampled()).put("sampleMatches", c.sampleMatches())
        .put("sampleDiffered", c.sampleDiffered());
    if (r.mirror().requested()) {
      ObjectNode mirror = o.putObject("mirror");
      mirror.put("applied", !r.dryRun() && !r.mirror().refused());
      if (r.mirror().refusal().isPresent()) {
        mirror.put("refused", r.mirror().refusal().get());
      } else {
        mirror.putNull("refused");
      }
      mirror.put("itemsToAttic", r.mirror().itemsToAttic());
      ArrayNode moves = mirror.putArray("moves");
      for (MirrorMove x : r.mirror().moves()) {
        ObjectNode n = moves.addObject();
        n.put("id", x.item().value());
        n.put("reason", x.reason().name());
        n.put("from", x.from().toString());
        n.put("to", x.to());
      }
    }
    return write(o);
  }

  /** The JSON printed instead of a summary when the program stops with an error. */
  static String jsonError(String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", JSON_FORMAT);
    o.put("status", "error");
    o.put("exitCode", ExitCodes.ERROR);
    o.put("error", message);
    return write(o);
  }

  /** The JSON summary of {@code --find-missing}. */
  static String jsonFindMissing(int missing, String csv) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", JSON_FORMAT);
    o.put("status", "complete");
    o.put("exitCode", ExitCodes.OK);
    o.put("missing", missing);
    o.put("csv", csv);
    return write(o);
  }

  private static String write(ObjectNode o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
