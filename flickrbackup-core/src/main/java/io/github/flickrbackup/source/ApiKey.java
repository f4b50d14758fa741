package io.github.flickrbackup.source;

import java.util.Objects;

/**
 * A Flickr API key and its secret (get one at flickr.com/services/apps/create).
 *
 * <pre>{@code
 * ApiKey key = new ApiKey(System.getenv("FLICKR_API_KEY"), System.getenv("FLICKR_API_SECRET"));
 * }</pre>
 *
 * @param key the consumer key
 * @param secret the consumer secret; never printed by {@link #toString()}
 */
public record ApiKey(String key, String secret) {
  /**
   * Validates the key.
   *
   * @param key the consumer key
   * @param secret the consumer secret; never printed by {@link #toString()}
   */
  public ApiKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(secret, "secret");
    if (key.isBlank() || secret.isBlank()) {
      throw new IllegalArgumentException("API key and secret must not be blank");
    }
  }

  /** Shows the key, hides the secret. */
  @Override
  public String toString() {
    return "ApiKey[" + key + ", secret=***]";
  }
}
