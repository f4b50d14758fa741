package io.github.flickrbackup.internal.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flickrbackup.CompletenessReport;
import io.github.flickrbackup.MirrorMove;
import io.github.flickrbackup.source.PhotoId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code report.json} in the state folder: the completeness report of the last run or verify,
 * written atomically (temporary file, fsync, rename), so a reader never sees half of one. The
 * format is in {@code docs/on-disk-format.md}; fields are only ever added.
 */
public final class ReportFile {
  /** The file's name in the state folder. */
  public static final String NAME = "report.json";
  private static final int FORMAT = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportFile() {}

  /**
   * Writes a report, replacing the last one.
   *
   * @param stateDirectory the state folder
   * @param report the report
   * @throws IOException if it cannot be written (the old one stays)
   */
  public static void write(Path stateDirectory, CompletenessReport report) throws IOException {
    write(stateDirectory, report, List.of());
  }

  /**
   * Writes a report with the files the run's {@code --mirror} moved, replacing the last one.
   *
   * @param stateDirectory the state folder
   * @param report the report
   * @param moves what mirroring moved in this run (a refused or dry mirror moved nothing, so
   *     those are not written); empty without {@code --mirror}
   * @throws IOException if it cannot be written (the old one stays)
   */
  public static void write(Path stateDirectory, CompletenessReport report, List<MirrorMove> moves)
      throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("time", report.time().toString());
    root.put("result", report.result());
    root.put("selection", report.selection());
    if (report.flickrTotal().isPresent()) {
      root.put("flickr_total", report.flickrTotal().getAsLong());
    } else {
      root.putNull("flickr_total");
    }
    root.put("local_total", report.localTotal());
    root.put("backed_up", report.backedUp());
    root.put("complete", report.complete());
    root.put("full_listing", report.fullListing());
    ArrayNode missing = root.putArray("missing");
    for (CompletenessReport.Missing m : report.missing()) {
      missing.addObject().put("id", m.id().value()).put("reason", m.reason()).put("detail", m.detail());
    }
    ArrayNode extra = root.putArray("extra");
    report.extra().forEach(id -> extra.add(id.value()));
    ArrayNode moved = root.putArray("moved");
    for (MirrorMove m : moves) {
      moved.addObject().put("id", m.item().value()).put("reason", m.reason().name()).put("from", m.from().toString())
          .put("to", m.to());
    }
    byte[] bytes = MAPPER.writeValueAsBytes(root);
    Files.createDirectories(stateDirectory);
    Path target = stateDirectory.resolve(NAME);
    Path temp = Files.createTempFile(stateDirectory, "." + NAME + ".", ".part");
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Reads the last report.
   *
   * @param stateDirectory the state folder
   * @return the report, or empty if there is none
   * @throws IOException if it cannot be read or parsed
   */
  public static Optional<CompletenessReport> read(Path stateDirectory) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(stateDirectory.resolve(NAME)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      throw new IOException(stateDirectory.resolve(NAME) + " is not a JSON object");
    }
    try {
      List<CompletenessReport.Missing> missing = new ArrayList<>();
      for (JsonNode m : root.path("missing")) {
        missing.add(new CompletenessReport.Missing(PhotoId.of(m.path("id").asText()), m.path("reason").asText(),
            m.path("detail").asText()));
      }
      List<PhotoId> extra = new ArrayList<>();
      for (JsonNode e : root.path("extra")) {
        extra.add(PhotoId.of(e.asText()));
      }
      JsonNode total = root.path("flickr_total");
      return Optional.of(new CompletenessReport(Instant.parse(root.path("time").asText()),
          root.path("result").asText(), root.path("selection").asText("own"),
          total.isNumber() ? OptionalLong.of(total.asLong()) : OptionalLong.empty(), root.path("local_total").asLong(),
          missing, extra, root.path("full_listing").asBoolean()));
    } catch (RuntimeException e) {
      throw new IOException(stateDirectory.resolve(NAME) + " cannot be read: " + e.getMessage(), e);
    }
  }
}
