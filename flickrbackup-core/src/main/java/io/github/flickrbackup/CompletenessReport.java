package io.github.flickrbackup;

import io.github.flickrbackup.source.PhotoId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How complete a backup is: what Flickr says the account holds next to what the catalog
 * holds. Written after every run (not a dry run) and by {@link FlickrBackup#verify} to
 * {@code DEST/.flickrbackup/report.json}; {@link FlickrBackup#lastReport} reads it back. The
 * format is in {@code docs/on-disk-format.md}.
 *
 * <pre>{@code
 * FlickrBackup.lastReport(dest).ifPresent(r -> System.out.println(r.summaryLine()));
 * // 300 of 300 items on Flickr are backed up; 0 pending
 * }</pre>
 *
 * @param time when the report was made
 * @param result the outcome of the run that made it ({@code complete}, {@code partial},
 *     {@code listing incomplete}, {@code fatal: ...}, or {@code verify: ...})
 * @param selection {@code own} (the account's own items) or {@code favorites}
 * @param flickrTotal how many items Flickr says there are; empty when Flickr could not be asked
 * @param localTotal how many of them the catalog holds as backed up (the {@code extra} ones included)
 * @param missing items on Flickr that are not backed up, each with the reason known
 * @param extra items backed up that Flickr no longer has (their files stay)
 * @param fullListing whether this report listed every id on Flickr (done only when the counts
 *     did not add up, at about one call per 500 items)
 */
public record CompletenessReport(Instant time, String result, String selection, OptionalLong flickrTotal,
    long localTotal, List<Missing> missing, List<PhotoId> extra, boolean fullListing) {
  /**
   * Validates the report.
   *
   * @param time when
   * @param result the run's outcome
   * @param selection {@code own} or {@code favorites}
   * @param flickrTotal Flickr's count, if known
   * @param localTotal items backed up
   * @param missing items not backed up
   * @param extra items no longer on Flickr
   * @param fullListing whether every id was listed
   */
  public CompletenessReport {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(flickrTotal, "flickrTotal");
    if (localTotal < 0) {
      throw new IllegalArgumentException("localTotal must not be negative: " + localTotal);
    }
    missing = List.copyOf(missing);
    extra = List.copyOf(extra);
  }

  /**
   * An item on Flickr that is not backed up.
   *
   * @param id the item
   * @param reason why: a {@link FailureKind} name when a run failed on it (it is pending), or
   *     {@code NOT_LISTED} when no run has listed it (older than the first run's start date)
   * @param detail the last error recorded, or a sentence
   */
  public record Missing(PhotoId id, String reason, String detail) {
    /**
     * Validates the entry.
     *
     * @param id the item
     * @param reason why it is missing
     * @param detail details; null becomes empty
     */
    public Missing {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(reason, "reason");
      detail = detail == null ? "" : detail;
    }
  }

  /** @return how many items on Flickr are backed up: Flickr's total less the missing ones */
  public long backedUp() {
    return flickrTotal.isPresent() ? Math.max(0, flickrTotal.getAsLong() - missing.size())
        : localTotal - extra.size();
  }

  /** @return whether every item on Flickr is backed up */
  public boolean complete() {
    return flickrTotal.isPresent() && missing.isEmpty() && backedUp() == flickrTotal.getAsLong();
  }

  /**
   * @return the summary's one line, e.g. {@code 300 of 300 items on Flickr are backed up; 0 pending}
   */
  public String summaryLine() {
    String what = selection.equals("favorites") ? "favorites" : "items";
    String line = flickrTotal.isPresent()
        ? backedUp() + " of " + flickrTotal.getAsLong() + " " + what + " on Flickr are backed up; " + missing.size()
            + " pending"
        : localTotal + " " + what + " backed up; Flickr's count is unknown";
    return extra.isEmpty() ? line : line + "; " + extra.size() + " backed up but no longer on Flickr";
  }
}
