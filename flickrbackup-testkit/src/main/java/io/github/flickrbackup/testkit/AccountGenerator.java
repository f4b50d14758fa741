package io.github.flickrbackup.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds the account an {@link AccountSpec} describes; deterministic per seed. */
final class AccountGenerator {
  static final long FIRST_PHOTO_ID = 50_000_000_000L;
  static final long FIRST_SET_ID = 72_157_600_000_000_000L;
  static final long FIRST_FAVORITE_ID = 40_000_000_000L;
  private static final Instant START = Instant.parse("2010-01-01T00:00:00Z");
  private static final String[] WORDS = {"sunset", "harbour", "cat", "mountain", "bridge", "market", "snow",
      "river", "garden", "street", "beach", "forest", "train", "castle", "festival", "night"};
  static final List<String> HOSTILE_SET_TITLES = List.of("..", ".", "../../x", "a/b", "CON", "x".repeat(300),
      "Holidays", "Holidays", "nul\u0000in\ntitle", "caf\u00e9", "cafe\u0301", "\uD83D\uDCF7 camera \uD83C\uDF89",
      "trailing dot.", "trailing space ", "C:x", "a\\b", "nul.txt");

  private AccountGenerator() {}

  static FakeAccount generate(AccountSpec spec) {
    SplittableRandom rnd = new SplittableRandom(spec.seed);
    FakeOwner owner = new FakeOwner("12345678@N00", "alice", "Alice Example", "alice");
    int itemCount = spec.photos;
    int setCount = Math.min(spec.sets, itemCount);
    List<String> setIds = new ArrayList<>();
    Map<String, String> titles = new LinkedHashMap<>();
    Map<String, FakeSet.Builder> setSpecs = new LinkedHashMap<>();
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (int s = 0; s < setCount; s++) {
      String id = Long.toString(FIRST_SET_ID + s);
      setIds.add(id);
      String title = spec.hostile && s < HOSTILE_SET_TITLES.size()
          ? HOSTILE_SET_TITLES.get(s)
          : capital(WORDS[rnd.nextInt(WORDS.length)]) + " " + (2010 + rnd.nextInt(15));
      titles.put(id, title);
      setSpecs.put(id, new FakeSet.Builder().description(rnd.nextInt(3) == 0 ? "Set number " + s : "").views(rnd.nextInt(500)));
      members.put(id, new ArrayList<>());
    }
    List<FakeItem> items = new ArrayList<>(itemCount);
    Instant upload = START;
    boolean videoWithoutOriginal = false;
    boolean videoNeedsSession = false;
    for (int i = 0; i < itemCount; i++) {
      String id = Long.toString(FIRST_PHOTO_ID + (long) i * 7 + rnd.nextInt(7));
      upload = upload.plusSeconds(60 + rnd.nextInt(36 * 3600));
      boolean video = rnd.nextDouble() < spec.videoShare;
      FakeItem.Builder b = new FakeItem.Builder(id).owner(owner.nsid(), owner.username(), owner.realName());
      b.uploaded(upload);
      Instant last = rnd.nextInt(4) == 0 ? upload.plusSeconds(rnd.nextInt(3 * 365 * 86400)) : upload;
      b.lastUpdate(last);
      b.taken(FakeItem.MYSQL.format(upload.minusSeconds(rnd.nextInt(30 * 86400))));
      b.title(rnd.nextInt(10) == 0 ? "" : capital(WORDS[rnd.nextInt(WORDS.length)]) + " " + i);
      if (rnd.nextInt(3) == 0) b.description("Description of " + id);
      b.tags(WORDS[rnd.nextInt(WORDS.length)], WORDS[rnd.nextInt(WORDS.length)]);
      if (rnd.nextInt(5) == 0) b.machineTags("geo:lat=" + rnd.nextInt(90));
      if (rnd.nextInt(4) == 0) b.geo(rnd.nextDouble() * 120 - 60, rnd.nextDouble() * 340 - 170, 1 + rnd.nextInt(16));
      b.license(Integer.toString(rnd.nextInt(11)));
      b.views(rnd.nextInt(1000));
      int vis = rnd.nextInt(10);
      b.visibility(vis < 6, vis == 6 || vis == 8, vis == 7 || vis == 8);
      long size = Math.max(2048, (long) (spec.averageBytes * (0.5 + rnd.nextDouble())));
      if (video) {
        int f = rnd.nextInt(10);
        b.format(f < 6 ? MediaFormat.MP4 : f < 9 ? MediaFormat.MOV : MediaFormat.AVI).bytes(size * 4).dimensions(1280, 720);
        if (rnd.nextInt(3) == 0) b.withoutContentLength();
        if (rnd.nextInt(2) == 0) b.contentDisposition(true);
        if (spec.hostile && !videoWithoutOriginal) {
          b.withoutVideoOriginal();
          videoWithoutOriginal = true;
        } else if (spec.hostile && !videoNeedsSession) {
          b.needsBrowserSession();
          videoNeedsSession = true;
        }
      } else {
        int f = rnd.nextInt(20);
        b.format(f < 17 ? MediaFormat.JPEG : f < 19 ? MediaFormat.PNG : MediaFormat.GIF).bytes(size);
        b.dimensions(800 + rnd.nextInt(4000), 600 + rnd.nextInt(3000));
      }
      if (spec.hostile) hostileDates(b, i, rnd);
      List<String> sets = new ArrayList<>();
      if (setCount > 0) {
        if (i < setCount) sets.add(setIds.get(i)); // every set gets at least one item
        else if (rnd.nextInt(10) < 7) sets.add(setIds.get(rnd.nextInt(setCount)));
        if (rnd.nextDouble() < spec.multiSetShare) {
          int extra = 1 + rnd.nextInt(2);
          for (int k = 0; k < extra; k++) sets.add(setIds.get(rnd.nextInt(setCount)));
        }
        if (spec.hostile && i == itemCount / 2) sets.addAll(setIds.subList(0, Math.min(6, setCount)));
      }
      List<String> unique = List.copyOf(new LinkedHashSet<>(sets));
      for (String s : unique) members.get(s).add(id);
      items.add(b.sets(unique).build());
    }
    List<FakeItem> favorites = new ArrayList<>();
    Instant faved = Instant.parse("2016-01-01T00:00:00Z");
    for (int f = 0; f < spec.favorites; f++) {
      String id = Long.toString(FIRST_FAVORITE_ID + (long) f * 13);
      String nsid = (10_000_000 + rnd.nextInt(8)) + "@N0" + rnd.nextInt(8);
      FakeItem.Builder b = FakeAccount.Builder.favoriteBuilder(id, nsid, owner);
      Instant up = Instant.parse("2008-01-01T00:00:00Z").plusSeconds((long) f * 86400 + rnd.nextInt(86400));
      faved = faved.plusSeconds(3600 + rnd.nextInt(10 * 86400));
      b.uploaded(up).lastUpdate(up.plusSeconds(rnd.nextInt(86400))).faved(faved)
          .title("Favourite " + f).tags(WORDS[rnd.nextInt(WORDS.length)])
          .bytes(Math.max(2048, (long) (spec.averageBytes * (0.5 + rnd.nextDouble()))));
      if (spec.hostile && f == 0) b.takenUnknown(true);
      favorites.add(b.build());
    }
    return FakeAccount.assemble(owner, items, titles, setSpecs, members, favorites, Clock.systemUTC());
  }

  private static void hostileDates(FakeItem.Builder b, int i, SplittableRandom rnd) {
    switch (i % 37) {
      case 3 -> b.takenUnknown(true);
      case 5 -> b.taken("0000-00-00 00:00:00").takenUnknown(true);
      case 7 -> b.takenGranularity(4);
      case 11 -> b.takenGranularity(6);
      case 13 -> b.takenGranularity(8);
      case 17 -> b.title("t\u0000itle with NUL and\nnewline " + rnd.nextInt(10));
      case 19 -> b.title("../../etc/passwd");
      default -> { }
    }
  }

  private static String capital(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}
