package io.github.flickrbackup.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.internal.export.MediaNames.Ambiguous;
import io.github.flickrbackup.internal.export.MediaNames.Matched;
import io.github.flickrbackup.internal.export.MediaNames.NoId;
import io.github.flickrbackup.internal.export.MediaNames.NotMedia;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MediaNamesTest {
  private static final Set<String> KNOWN = Set.of("5230303130", "1234", "2020", "48213570022", "99887766");

  @Test
  void theLastNumericGroupBeforeTheOriginalSuffixIsTheIdEvenWhenTheSlugHasDigits() {
    assertThat(MediaNames.match("img_1234_5230303130_o.jpg", KNOWN::contains)).isEqualTo(new Matched("5230303130"));
    assertThat(MediaNames.match("sunset_2020_at_5_30_5230303130_o.JPG", KNOWN::contains))
        .isEqualTo(new Matched("5230303130"));
  }

  @Test
  void videosHaveNoOriginalSuffix() {
    assertThat(MediaNames.match("clip_7_48213570022.mov", KNOWN::contains)).isEqualTo(new Matched("48213570022"));
    assertThat(MediaNames.match("48213570022.mp4", KNOWN::contains)).isEqualTo(new Matched("48213570022"));
  }

  @Test
  void anUntitledItemIsIdThenSecret() {
    assertThat(MediaNames.match("5230303130_a1b2c3d4e5_o.png", KNOWN::contains)).isEqualTo(new Matched("5230303130"));
    // An all-digit secret is a candidate too, but only an id with metadata counts.
    assertThat(MediaNames.match("5230303130_1122334455_o.jpg", KNOWN::contains)).isEqualTo(new Matched("5230303130"));
  }

  @Test
  void twoCandidatesWithMetadataAreAmbiguousNotGuessed() {
    assertThat(MediaNames.match("5230303130_99887766_o.jpg", KNOWN::contains))
        .isEqualTo(new Ambiguous(java.util.List.of("99887766", "5230303130")));
  }

  @Test
  void aNameWhoseIdHasNoMetadataMatchesNothing() {
    // "2019" is the last group, and there is no photo_2019.json: the 2020 before it is not tried.
    assertThat(MediaNames.match("holiday_2020_2019_o.jpg", KNOWN::contains)).isInstanceOf(NoId.class);
    assertThat(MediaNames.match("holiday_o.jpg", KNOWN::contains)).isInstanceOf(NoId.class);
  }

  @Test
  void filesThatAreNotMediaAreNotMatched() {
    assertThat(MediaNames.match("photo_1234.json", KNOWN::contains)).isInstanceOf(NotMedia.class);
    assertThat(MediaNames.match(".DS_Store", KNOWN::contains)).isInstanceOf(NotMedia.class);
    assertThat(MediaNames.match("readme_1234.txt", KNOWN::contains)).isInstanceOf(NotMedia.class);
  }
}
