package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seeded generator: deterministic, shaped as the spec says, hostile on request. */
class AccountGeneratorTest {
  static final AccountSpec SPEC = AccountSpec.seed(1).photos(300).sets(20).videoShare(0.1).multiSetShare(0.2)
      .favorites(30).averageBytes(50_000).hostile(true);

  @Test
  void sameSeedSameAccount() {
    FakeAccount a = FakeAccount.generate(SPEC);
    FakeAccount b = FakeAccount.generate(SPEC);
    assertThat(a.items()).extracting(FakeItem::id).isEqualTo(b.items().stream().map(FakeItem::id).toList());
    assertThat(a.items().get(17).sha256()).isEqualTo(b.items().get(17).sha256());
    assertThat(FakeAccount.generate(AccountSpec.seed(2).photos(300)).items()).extracting(FakeItem::id)
        .isNotEqualTo(a.items().stream().map(FakeItem::id).toList());
  }

  @Test
  void followsTheSpec() {
    FakeAccount a = FakeAccount.generate(SPEC);
    assertThat(a.items()).hasSize(300);
    assertThat(a.sets()).hasSize(20);
    assertThat(a.favorites()).hasSize(30);
    long videos = a.items().stream().filter(FakeItem::isVideo).count();
    assertThat(videos).isBetween(15L, 50L);
    long multi = a.items().stream().filter(i -> i.sets().size() > 1).count();
    assertThat(multi).isGreaterThan(20);
    double avgPhoto = a.items().stream().filter(i -> !i.isVideo()).mapToLong(FakeItem::bytes).average().orElseThrow();
    assertThat(avgPhoto).isBetween(40_000.0, 60_000.0);
    assertThat(a.favorites()).allSatisfy(f -> assertThat(f.ownerNsid()).isNotEqualTo(a.owner().nsid()));
    for (FakeSet s : a.sets()) {
      for (String id : s.itemIds()) assertThat(a.item(id).sets()).contains(s.id());
    }
  }

  @Test
  void hostileAddsTheTitlesDatesAndVideoCases() {
    FakeAccount a = FakeAccount.generate(SPEC);
    List<String> titles = a.sets().stream().map(FakeSet::title).toList();
    assertThat(titles).contains("..", ".", "../../x", "a/b", "CON", "x".repeat(300));
    assertThat(titles.stream().filter(t -> t.equals("Holidays")).count()).isEqualTo(2);
    assertThat(titles).anyMatch(t -> t.contains("\u0000") && t.contains("\n"));
    String nfc = Normalizer.normalize("café", Normalizer.Form.NFC);
    String nfd = Normalizer.normalize("café", Normalizer.Form.NFD);
    assertThat(titles).contains(nfc, nfd);
    assertThat(titles).anyMatch(t -> t.codePoints().anyMatch(c -> c > 0xFFFF));
    assertThat(a.items()).anyMatch(FakeItem::takenUnknown);
    assertThat(a.items()).anyMatch(i -> i.taken().equals("0000-00-00 00:00:00"));
    assertThat(a.items()).extracting(FakeItem::takenGranularity).contains(4, 6, 8);
    assertThat(a.items()).anyMatch(i -> i.sets().size() >= 5);
    assertThat(a.items()).anyMatch(i -> i.isVideo() && !i.hasVideoOriginal());
    assertThat(a.items()).anyMatch(i -> i.isVideo() && i.needsBrowserSession());
  }

  @Test
  void notHostileByDefault() {
    FakeAccount a = FakeAccount.generate(AccountSpec.seed(1).photos(300).sets(20));
    assertThat(a.sets()).extracting(FakeSet::title).doesNotContain("..", "CON");
    assertThat(a.items()).noneMatch(i -> i.taken().startsWith("0000"));
  }
}
