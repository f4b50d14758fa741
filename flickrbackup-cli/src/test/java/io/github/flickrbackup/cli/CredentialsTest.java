package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
  @TempDir Path home;

  private Path defaultConfig(String content) throws Exception {
    Path file = home.resolve(".config/flickrbackup/config.properties");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @Test
  void theCommandLineBeatsTheEnvironmentWhichBeatsTheConfigFile() throws Exception {
    defaultConfig("api.key=from-config\napi.secret=config-secret\nendpoint=http://127.0.0.1:3/\n");
    Env env = Cli.env(home, Map.of("FLICKR_API_KEY", "from-env", "FLICKR_API_SECRET", "env-secret",
        "FLICKRBACKUP_ENDPOINT", "http://127.0.0.1:2/"));
    BackupOptions both = Cli.parse(env, "--api-key", "from-option", "--endpoint", "http://127.0.0.1:1/", "dest");
    ConfigFile config = ConfigFile.load(null, env);
    assertThat(Credentials.apiKey(both, env, config)).isEqualTo(new ApiKey("from-option", "env-secret"));
    assertThat(Credentials.endpoint(both, env, config)).isEqualTo(FlickrEndpoint.at(URI.create("http://127.0.0.1:1/")));
    BackupOptions none = Cli.parse(env, "dest");
    assertThat(Credentials.apiKey(none, env, config)).isEqualTo(new ApiKey("from-env", "env-secret"));
    assertThat(Credentials.endpoint(none, env, config)).isEqualTo(FlickrEndpoint.at(URI.create("http://127.0.0.1:2/")));
    Env bare = Cli.env(home, Map.of());
    assertThat(Credentials.apiKey(none, bare, config)).isEqualTo(new ApiKey("from-config", "config-secret"));
    assertThat(Credentials.endpoint(none, bare, config)).isEqualTo(FlickrEndpoint.at(URI.create("http://127.0.0.1:3/")));
  }

  @Test
  void withoutAnySettingItIsTheRealFlickr() throws Exception {
    Env env = Cli.env(home, Map.of());
    assertThat(Credentials.endpoint(Cli.parse(env, "dest"), env, ConfigFile.load(null, env)))
        .isEqualTo(FlickrEndpoint.flickr());
  }

  @Test
  void xdgConfigHomeMovesTheDefaultConfigFile() {
    Env env = Cli.env(home, Map.of("XDG_CONFIG_HOME", "/etc/xdg-test"));
    assertThat(ConfigFile.defaultPath(env)).isEqualTo(Path.of("/etc/xdg-test/flickrbackup/config.properties"));
  }

  @Test
  void anExplicitConfigFileMustExist() {
    Env env = Cli.env(home, Map.of());
    Path missing = home.resolve("nope.properties");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigFile.load(missing, env))
        .hasMessage("config file " + missing + " does not exist or is not a file");
  }
}
