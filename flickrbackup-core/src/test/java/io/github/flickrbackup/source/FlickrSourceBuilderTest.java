package io.github.flickrbackup.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlickrSourceBuilderTest {
  final ApiKey key = new ApiKey("k", "s3cr3t-key");
  final AccessToken token = new AccessToken("t", "s3cr3t-token", "1@N00", "alice");

  @Test
  void refusesToBuildWithoutKeyOrToken() {
    assertThatThrownBy(() -> FlickrSource.builder().accessToken(token).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("apiKey(");
    assertThatThrownBy(() -> FlickrSource.builder().apiKey(key).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("FlickrAuthorization");
  }

  @Test
  void validatesEverySetterWithAMessage() {
    FlickrSource.Builder b = FlickrSource.builder();
    assertThatThrownBy(() -> b.callsPerHour(3601)).hasMessageContaining("3,600");
    assertThatThrownBy(() -> b.callsPerHour(10)).hasMessageContaining("between 61");
    assertThatThrownBy(() -> b.maxAttempts(0)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> b.requestTimeout(Duration.ofMillis(10))).hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> b.endpoint(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.retry(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void neverPrintsSecrets() {
    PhotoSource s = FlickrSource.builder().apiKey(key).accessToken(token).build();
    assertThat(s.toString()).doesNotContain("s3cr3t").contains("alice");
    assertThat(s.apiCalls()).isZero();
  }
}
