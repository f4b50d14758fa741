package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The hints are read by library users and printed by front ends: they must be true and neutral. */
class FailureKindTest {

  @Test
  void hintsNameNoCommandLineFlag() {
    // Core is a library: the CLI maps each kind to its own flags, other front ends to theirs.
    for (FailureKind k : FailureKind.values()) {
      assertThat(k.hint()).as(k.name()).doesNotContainPattern("(^|\\s)--?[a-z]");
    }
  }

  @Test
  void onlyNotFoundSaysTheItemIsGoneFromFlickr() {
    for (FailureKind k : FailureKind.values()) {
      String hint = k.hint().toLowerCase(Locale.ROOT);
      boolean claimsGone = hint.contains("deleted") || hint.contains("no longer exists");
      assertThat(claimsGone).as(k + ": " + k.hint()).isEqualTo(k == FailureKind.NOT_FOUND);
    }
  }

  @Test
  void eachKindHasItsOwnHint() {
    assertThat(Arrays.stream(FailureKind.values()).map(FailureKind::hint)).doesNotHaveDuplicates()
        .allSatisfy(h -> assertThat(h).isNotBlank());
  }
}
