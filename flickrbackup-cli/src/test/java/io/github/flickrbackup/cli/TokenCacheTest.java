package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCacheTest {
  private static final FlickrEndpoint FAKE = FlickrEndpoint.at(URI.create("http://127.0.0.1:1234/"));
  private static final ApiKey KEY = new ApiKey("key", "key-secret");
  private static final AccessToken TOKEN = new AccessToken("tok", "tok-secret", "1@N00", "alice");

  @TempDir Path dir;

  @Test
  void keepsOneTokenPerKeyAndEndpoint() throws Exception {
    TokenCache cache = new TokenCache(dir.resolve(".flickr"));
    assertThat(cache.find(FAKE, KEY)).isEmpty();
    cache.save(FAKE, KEY, TOKEN);
    assertThat(new TokenCache(dir.resolve(".flickr")).find(FAKE, KEY)).contains(TOKEN);
    assertThat(cache.find(FlickrEndpoint.flickr(), KEY)).isEmpty();
    assertThat(cache.find(FAKE, new ApiKey("other", "x"))).isEmpty();
  }

  @Test
  void theFileIsReadableByItsOwnerOnly() throws Exception {
    Path folder = dir.resolve(".flickr");
    TokenCache cache = new TokenCache(folder);
    cache.save(FAKE, KEY, TOKEN);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    cache.save(FAKE, new ApiKey("other", "x"), TOKEN);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file()))).isEqualTo("rw-------");
    try (var files = Files.list(folder)) {
      assertThat(files).containsExactly(cache.file());
    }
  }

  @Test
  void forgetRemovesOnlyThatToken() throws Exception {
    TokenCache cache = new TokenCache(dir);
    ApiKey other = new ApiKey("other", "x");
    cache.save(FAKE, KEY, TOKEN);
    cache.save(FAKE, other, TOKEN);
    cache.forget(FAKE, KEY);
    assertThat(cache.find(FAKE, KEY)).isEmpty();
    assertThat(cache.find(FAKE, other)).contains(TOKEN);
  }

  @Test
  void aDamagedFileGivesAClearErrorWithoutItsContent() throws Exception {
    TokenCache cache = new TokenCache(dir);
    Files.writeString(cache.file(), "{\"tokens\": {\"k\": {\"secret\": \"tok-secret\"");
    assertThatThrownBy(() -> cache.find(FAKE, KEY))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("is not valid JSON")
        .hasMessageContaining("delete it to authorise again")
        .message().doesNotContain("tok-secret");
  }
}
