package io.github.flickrbackup.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileTokenStoreTest {
  private static final FlickrEndpoint FAKE = FlickrEndpoint.at(URI.create("http://127.0.0.1:1234/"));
  private static final ApiKey KEY = new ApiKey("key", "key-secret");
  private static final AccessToken TOKEN = new AccessToken("tok", "tok-secret", "1@N00", "alice");

  @TempDir Path dir;

  @Test
  void keepsOneTokenPerKeyAndEndpoint() throws Exception {
    TokenStore store = FileTokenStore.inFolder(dir.resolve(".flickr"));
    assertThat(store.find(FAKE, KEY)).isEmpty();
    store.save(FAKE, KEY, TOKEN);
    assertThat(FileTokenStore.inFolder(dir.resolve(".flickr")).find(FAKE, KEY)).contains(TOKEN);
    assertThat(store.find(FlickrEndpoint.flickr(), KEY)).isEmpty();
    assertThat(store.find(FAKE, new ApiKey("other", "x"))).isEmpty();
  }

  @Test
  void theFileIsReadableByItsOwnerOnlyAndReplacedWithoutLeftovers() throws Exception {
    Path folder = dir.resolve(".flickr");
    TokenStore store = FileTokenStore.inFolder(folder);
    store.save(FAKE, KEY, TOKEN);
    Path file = folder.resolve(FileTokenStore.FILE_NAME);
    assertThat(store.location()).isEqualTo(file.toString());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    store.save(FAKE, new ApiKey("other", "x"), TOKEN);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (var files = Files.list(folder)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void forgetRemovesOnlyThatToken() throws Exception {
    TokenStore store = FileTokenStore.inFolder(dir);
    ApiKey other = new ApiKey("other", "x");
    store.save(FAKE, KEY, TOKEN);
    store.save(FAKE, other, TOKEN);
    store.forget(FAKE, KEY);
    assertThat(store.find(FAKE, KEY)).isEmpty();
    assertThat(store.find(FAKE, other)).contains(TOKEN);
  }

  @Test
  void readsTheFileTheCommandLineHasAlwaysWritten() throws Exception {
    // Written by flickrbackup 0.1's TokenCache: the format must stay readable.
    Files.writeString(dir.resolve("flickrbackup-tokens.json"), """
        {
          "format" : 1,
          "tokens" : {
            "key http://127.0.0.1:1234/services/rest/" : {
              "token" : "tok",
              "secret" : "tok-secret",
              "userNsid" : "1@N00",
              "username" : "alice"
            }
          }
        }""");
    assertThat(FileTokenStore.inFolder(dir).find(FAKE, KEY)).contains(TOKEN);
  }

  @Test
  void aDamagedFileGivesAClearErrorWithoutItsContent() throws Exception {
    TokenStore store = FileTokenStore.inFolder(dir);
    Files.writeString(dir.resolve(FileTokenStore.FILE_NAME), "{\"tokens\": {\"k\": {\"secret\": \"tok-secret\"");
    assertThatThrownBy(() -> store.find(FAKE, KEY))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not valid JSON")
        .hasMessageContaining("delete it to authorise again")
        .message().doesNotContain("tok-secret");
    assertThatThrownBy(() -> store.save(FAKE, KEY, TOKEN)).isInstanceOf(IOException.class);
  }

  @Test
  @Timeout(30)
  void concurrentSavesOfOneProgramAreAllKept() throws Exception {
    TokenStore store = FileTokenStore.inFolder(dir);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> saves = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        ApiKey key = new ApiKey("key" + i, "s");
        saves.add(pool.submit(() -> {
          store.save(FAKE, key, TOKEN);
          return null;
        }));
      }
      for (Future<?> f : saves) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    for (int i = 0; i < 32; i++) {
      assertThat(store.find(FAKE, new ApiKey("key" + i, "s"))).as("key" + i).contains(TOKEN);
    }
  }

  @Test
  void describesItselfWithoutSecrets() throws Exception {
    TokenStore store = FileTokenStore.inFolder(dir);
    store.save(FAKE, KEY, TOKEN);
    assertThat(store.toString() + store.location()).doesNotContain("tok-secret").doesNotContain("tok\"");
  }
}
