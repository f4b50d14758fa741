package io.github.flickrbackup.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The optional config file, a Java properties file: {@code api.key}, {@code api.secret},
 * {@code endpoint}. Given with {@code --config FILE} it must exist; the default one
 * ({@code $XDG_CONFIG_HOME/flickrbackup/config.properties}, else
 * {@code ~/.config/flickrbackup/config.properties}) is read only if it exists.
 */
final class ConfigFile {
  static final Set<String> KEYS = Set.of("api.key", "api.secret", "endpoint");

  private final Path path;
  private final Properties values;

  private ConfigFile(Path path, Properties values) {
    this.path = path;
    this.values = values;
  }

  static ConfigFile load(Path explicit, Env env) throws CliException {
    Path file = explicit != null ? explicit : defaultPath(env);
    if (explicit == null && !Files.exists(file)) {
      return new ConfigFile(file, new Properties());
    }
    if (!Files.isRegularFile(file)) {
      throw new CliException("config file " + file + " does not exist or is not a file");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    for (String name : p.stringPropertyNames()) {
      if (!KEYS.contains(name)) {
        throw new CliException("config file " + file + " has an unknown setting '" + name
            + "' (known: api.key, api.secret, endpoint)");
      }
    }
    return new ConfigFile(file, p);
  }

  static Path defaultPath(Env env) {
    Path base = env.variable("XDG_CONFIG_HOME").map(Path::of).orElse(env.home().resolve(".config"));
    return base.resolve("flickrbackup").resolve("config.properties");
  }

  Path path() {
    return path;
  }

  Optional<String> get(String key) {
    String v = values.getProperty(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }
}
