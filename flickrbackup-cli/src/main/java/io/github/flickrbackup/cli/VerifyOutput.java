package io.github.flickrbackup.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.CompletenessReport;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.VerifyProblem;
import io.github.flickrbackup.VerifyResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What {@code --verify} prints, and the completeness line (and JSON) after every run. */
final class VerifyOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VerifyOutput() {}

  /** 0 when all is whole, 2 when problems were found (or are left after a repair). */
  static int exitCode(VerifyResult r) {
    return r.whole() ? ExitCodes.OK : ExitCodes.FAILED_ITEMS;
  }

  /** The lines of the summary: each problem, then figures, then the repair, then the report's line. */
  static List<String> text(VerifyResult r) {
    List<String> lines = new ArrayList<>();
    for (VerifyProblem p : r.found()) {
      lines.add(line(p));
    }
    double seconds = r.elapsed().toMillis() / 1000.0;
    lines.add(String.format(Locale.ROOT, "Verified %d items in %.1f s: %d files, %s read; %s.", r.items(), seconds,
        r.files(), Sizes.bytes(r.bytes()), r.found().isEmpty() ? "all well" : counts(r.found())));
    r.repair().ifPresent(run -> {
      lines.add("Repair: " + (run.downloaded() + run.updated()) + " fetched again, " + run.metadataOnly()
          + " rewritten, " + run.failed() + " failed.");
      for (ItemFailure f : run.failures()) {
        lines.add("  " + f.id().value() + ": " + f.message() + " (" + Advice.forFailure(f.kind()) + ")");
      }
    });
    if (r.repair().isPresent() || r.remaining().size() != r.found().size()) {
      lines.add(r.whole() ? "After the repair all is well."
          : "After the repair: " + counts(r.remaining()) + " left" + (r.remaining().stream()
              .anyMatch(p -> p.kind() == VerifyProblem.Kind.UNKNOWN) ? " (unknown files are never touched: move or"
                  + " delete them yourself)" : "") + ".");
    }
    r.report().ifPresent(report -> lines.add(report.summaryLine()));
    return lines;
  }

  private static String line(VerifyProblem p) {
    return String.format(Locale.ROOT, "%-16s %s%s%s", p.kind(), p.path(),
        p.id().map(id -> " (item " + id.value() + ")").orElse(""), p.detail().isEmpty() ? "" : ": " + p.detail());
  }

  private static String counts(List<VerifyProblem> problems) {
    Map<VerifyProblem.Kind, Integer> n = new EnumMap<>(VerifyProblem.Kind.class);
    problems.forEach(p -> n.merge(p.kind(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    n.forEach((k, c) -> parts.add(c + " " + k.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    return problems.size() + (problems.size() == 1 ? " problem (" : " problems (") + String.join(", ", parts) + ")";
  }

  /** The JSON summary of {@code --verify} (see docs/scripting.md). */
  static String json(VerifyResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", Summary.JSON_FORMAT);
    o.put("status", r.whole() ? "complete" : "problems");
    o.put("exitCode", exitCode(r));
    o.put("items", r.items());
    o.put("files", r.files());
    o.put("bytes", r.bytes());
    o.put("elapsedMillis", r.elapsed().toMillis());
    problems(o.putArray("problems"), r.found());
    o.put("repaired", r.repair().isPresent());
    r.repair().ifPresent(run -> {
      ObjectNode n = o.putObject("repair");
      n.put("downloaded", run.downloaded() + run.updated());
      n.put("metadataOnly", run.metadataOnly());
      n.put("failed", run.failed());
      n.put("apiCalls", run.apiCalls());
      ArrayNode failures = n.putArray("failures");
      for (ItemFailure f : run.failures()) {
        failures.addObject().put("id", f.id().value()).put("kind", f.kind().name()).put("message", f.message())
            .put("hint", Advice.forFailure(f.kind()));
      }
    });
    problems(o.putArray("remaining"), r.remaining());
    r.report().ifPresent(report -> o.set("completeness", completeness(report)));
    return write(o);
  }

  private static void problems(ArrayNode array, List<VerifyProblem> problems) {
    for (VerifyProblem p : problems) {
      ObjectNode n = array.addObject();
      n.put("kind", p.kind().name());
      if (p.id().isPresent()) {
        n.put("id", p.id().get().value());
      } else {
        n.putNull("id");
      }
      n.put("path", p.path());
      n.put("detail", p.detail());
    }
  }

  /**
   * The completeness report this run wrote: one that is at least as recent as the run's start.
   */
  static Optional<CompletenessReport> reportOf(Engine engine, BackupPlan plan, Duration elapsed) {
    if (plan.dryRun()) {
      return Optional.empty();
    }
    Instant start = Instant.now().minus(elapsed).minusSeconds(2);
    try {
      return engine.lastReport(plan.stateDirectory()).filter(r -> r.time().isAfter(start));
    } catch (IOException e) {
      return Optional.empty(); // the run's own summary stands; the report is an extra
    }
  }

  /** The run's JSON summary with a {@code completeness} object added, when there is a report. */
  static String withCompleteness(String json, Optional<CompletenessReport> report) {
    if (report.isEmpty()) {
      return json;
    }
    try {
      ObjectNode o = (ObjectNode) JSON.readTree(json);
      o.set("completeness", completeness(report.get()));
      return write(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode completeness(CompletenessReport r) {
    ObjectNode n = JSON.createObjectNode();
    if (r.flickrTotal().isPresent()) {
      n.put("flickr_total", r.flickrTotal().getAsLong());
    } else {
      n.putNull("flickr_total");
    }
    n.put("local_total", r.localTotal());
    n.put("backed_up", r.backedUp());
    n.put("missing", r.missing().size());
    n.put("extra", r.extra().size());
    n.put("line", r.summaryLine());
    return n;
  }

  private static String write(ObjectNode o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
