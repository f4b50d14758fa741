package io.github.flickrbackup;

/**
 * What a run decided about items seeded from Flickr's data export
 * ({@link FlickrBackup#seedFromExport}). The export carries no {@code lastupdate} and no
 * original secret, so the first run after seeding checks each seeded item it lists against
 * the listing before trusting it (see {@code docs/seeding.md} in the project for the rules):
 *
 * <ul>
 *   <li>{@link #changedAfterExport()}: Flickr's {@code lastupdate} is later than the export's
 *       date, or the listing names another original than the export did: fetched again;
 *   <li>{@link #mismatched()}: the exported file disagrees with what the listing says of the
 *       original (its format, its pixel dimensions), or is missing or of another size on disk:
 *       fetched again;
 *   <li>{@link #sampled()}: confirmed by the rules above and picked for a sample download
 *       (every item whose id hashes to 0 mod 100, and the first seeded item of each run),
 *       whose bytes are compared with the exported file: {@link #sampleMatches()} were
 *       identical, {@link #sampleDiffered()} were not (the download replaced the file);
 *   <li>{@link #confirmed()}: every other checked item; its file stays, its metadata files are
 *       rewritten from the listing.
 * </ul>
 *
 * Each checked item leaves the "from export" state once it is recorded, so a later run
 * counts nothing here. All zero for a destination never seeded.
 *
 * @param confirmed seeded items kept as they are (sampled ones not included)
 * @param changedAfterExport seeded items fetched again because they changed on Flickr after the export
 * @param mismatched seeded items fetched again because the exported file disagreed with the listing
 * @param sampled seeded items downloaded again as a sample
 * @param sampleMatches samples whose download was identical to the exported file
 * @param sampleDiffered samples whose download differed (the download replaced the exported file)
 */
public record SeedChecks(int confirmed, int changedAfterExport, int mismatched, int sampled, int sampleMatches,
    int sampleDiffered) {
  /** No seeded item was checked. */
  public static final SeedChecks NONE = new SeedChecks(0, 0, 0, 0, 0, 0);

  /**
   * Validates the counts.
   *
   * @param confirmed seeded items kept as they are (sampled ones not included)
   * @param changedAfterExport seeded items fetched again because they changed on Flickr after the export
   * @param mismatched seeded items fetched again because the exported file disagreed with the listing
   * @param sampled seeded items downloaded again as a sample
   * @param sampleMatches samples whose download was identical to the exported file
   * @param sampleDiffered samples whose download differed
   */
  public SeedChecks {
    if (confirmed < 0 || changedAfterExport < 0 || mismatched < 0 || sampled < 0 || sampleMatches < 0
        || sampleDiffered < 0) {
      throw new IllegalArgumentException("negative count in seed checks");
    }
    if (sampleMatches + sampleDiffered > sampled) {
      throw new IllegalArgumentException("more sample results (" + (sampleMatches + sampleDiffered)
          + ") than samples (" + sampled + ")");
    }
  }

  /** @return how many seeded items the run checked */
  public int checked() {
    return confirmed + changedAfterExport + mismatched + sampled;
  }
}
