package io.github.flickrbackup.testkit;

/**
 * What {@link FakeAccount#generate(AccountSpec)} builds: an immutable recipe. The same spec always
 * gives the same account (ids, titles, dates, sizes, bytes).
 *
 * <pre>{@code
 * FakeAccount account = FakeAccount.generate(AccountSpec.seed(1).photos(300).sets(20)
 *     .videoShare(0.1).multiSetShare(0.2).favorites(30).averageBytes(50_000).hostile(true));
 * }</pre>
 *
 * <p>Defaults: 100 items, 5 sets, 10% videos, 20% of items in several sets, 10 favourites, 20,000
 * bytes on average, not hostile.
 *
 * <p>{@code hostile(true)} adds the inputs a backup tool must survive: set titles {@code ..},
 * {@code .}, {@code ../../x}, {@code a/b}, {@code CON}, 300 characters, duplicates, NUL and
 * newline, the NFC/NFD pair of "é", emoji; unknown taken dates ({@code takenunknown=1},
 * {@code 0000-00-00 00:00:00}, granularity 4/6/8); an item in 6 sets; a video with no {@code
 * Video Original}; a video that needs the browser session.
 */
public final class AccountSpec {
  final long seed;
  final int photos;
  final int sets;
  final double videoShare;
  final double multiSetShare;
  final int favorites;
  final long averageBytes;
  final boolean hostile;

  private AccountSpec(long seed, int photos, int sets, double videoShare, double multiSetShare,
      int favorites, long averageBytes, boolean hostile) {
    this.seed = seed;
    this.photos = photos;
    this.sets = sets;
    this.videoShare = videoShare;
    this.multiSetShare = multiSetShare;
    this.favorites = favorites;
    this.averageBytes = averageBytes;
    this.hostile = hostile;
  }

  /** A spec with this seed and the defaults. */
  public static AccountSpec seed(long seed) {
    return new AccountSpec(seed, 100, 5, 0.1, 0.2, 10, 20_000, false);
  }

  /** The number of own items (photos and videos together), 0 to 1,000,000. */
  public AccountSpec photos(int count) {
    if (count < 0 || count > 1_000_000) throw new IllegalArgumentException("photos must be 0..1,000,000: " + count);
    return new AccountSpec(seed, count, sets, videoShare, multiSetShare, favorites, averageBytes, hostile);
  }

  /** The number of sets (capped by the number of items). */
  public AccountSpec sets(int count) {
    if (count < 0 || count > 100_000) throw new IllegalArgumentException("sets must be 0..100,000: " + count);
    return new AccountSpec(seed, photos, count, videoShare, multiSetShare, favorites, averageBytes, hostile);
  }

  /** The share of items that are videos, 0 to 1. */
  public AccountSpec videoShare(double share) {
    return new AccountSpec(seed, photos, sets, share(share, "videoShare"), multiSetShare, favorites, averageBytes, hostile);
  }

  /** The share of items in two or more sets, 0 to 1. */
  public AccountSpec multiSetShare(double share) {
    return new AccountSpec(seed, photos, sets, videoShare, share(share, "multiSetShare"), favorites, averageBytes, hostile);
  }

  /** The number of favourites (other owners' items). */
  public AccountSpec favorites(int count) {
    if (count < 0 || count > 1_000_000) throw new IllegalArgumentException("favorites must be 0..1,000,000: " + count);
    return new AccountSpec(seed, photos, sets, videoShare, multiSetShare, count, averageBytes, hostile);
  }

  /** The average size of a photo original in bytes (videos are 4 times larger), at least 4,096. */
  public AccountSpec averageBytes(long bytes) {
    if (bytes < 4096 || bytes > 100_000_000) throw new IllegalArgumentException("averageBytes must be 4,096..100,000,000: " + bytes);
    return new AccountSpec(seed, photos, sets, videoShare, multiSetShare, favorites, bytes, hostile);
  }

  /** Adds hostile titles, dates and video cases (see the class comment). */
  public AccountSpec hostile(boolean hostile) {
    return new AccountSpec(seed, photos, sets, videoShare, multiSetShare, favorites, averageBytes, hostile);
  }

  private static double share(double v, String name) {
    if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(name + " must be 0..1: " + v);
    return v;
  }

  @Override
  public String toString() {
    return "AccountSpec{seed=" + seed + ", photos=" + photos + ", sets=" + sets + ", videoShare=" + videoShare
        + ", multiSetShare=" + multiSetShare + ", favorites=" + favorites + ", averageBytes=" + averageBytes
        + ", hostile=" + hostile + "}";
  }
}
