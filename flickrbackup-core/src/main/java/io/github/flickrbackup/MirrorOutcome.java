package io.github.flickrbackup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@linkplain BackupPlan.Builder#mirror(boolean) mirroring} did in a run
 * ({@link BackupResult#mirror()}).
 *
 * <p>Files leave the layout only by being moved into the attic, never deleted. Mirroring is
 * refused, and nothing is moved to the attic, when the listing was not confirmed complete or
 * was empty, when it holds less than half of the items the catalog knows (unless
 * {@link BackupPlan.Builder#maxDelete(int)} was set explicitly to at least the number of items
 * to move), or when more items would move than {@code maxDelete} allows. Renamed albums are
 * applied as the album list arrives, since they take nothing out of the layout.
 *
 * @param requested whether the plan asked for mirroring
 * @param moves the moves made, in order (in a dry run, or when refused: those it would make)
 * @param refusal why nothing was moved to the attic, or empty if it was done (or not asked for)
 */
public record MirrorOutcome(boolean requested, List<MirrorMove> moves, Optional<String> refusal) {
  /** A run that did not ask for mirroring. */
  public static final MirrorOutcome NOT_REQUESTED = new MirrorOutcome(false, List.of(), Optional.empty());

  /**
   * Copies the list.
   *
   * @param requested whether the plan asked for mirroring
   * @param moves the moves
   * @param refusal why nothing was moved to the attic, or empty
   */
  public MirrorOutcome {
    moves = List.copyOf(moves);
    Objects.requireNonNull(refusal, "refusal (Optional.empty() when not refused)");
  }

  /** @return whether mirroring was asked for and refused (see {@link #refusal()}) */
  public boolean refused() {
    return refusal.isPresent();
  }

  /** @return how many distinct items have files moving to the attic */
  public int itemsToAttic() {
    return (int) moves.stream().filter(MirrorMove::toAttic).map(MirrorMove::item).distinct().count();
  }
}
