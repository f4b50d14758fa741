package io.github.flickrbackup.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the program reads from its surroundings, passed in so that tests can set it: the
 * environment variables, the home folder, standard input, whether a person is at a terminal,
 * and the engine that does the work.
 *
 * @param variables environment variables
 * @param home the user's home folder (for {@code ~/.flickr} and the config file)
 * @param stdin standard input (the OAuth verifier is read from it)
 * @param terminal whether standard input and output are a terminal (progress bar, re-asking
 *     for a revoked token)
 * @param engine the engine, made only when a command needs it
 */
record Env(Map<String, String> variables, Path home, InputStream stdin, boolean terminal,
    Supplier<Engine> engine) {

  Env {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(engine, "engine");
  }

  /** A variable's value, empty when unset or blank. */
  Optional<String> variable(String name) {
    String v = variables.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /** This process's surroundings. */
  static Env system(Supplier<Engine> engine) {
    return new Env(System.getenv(), Path.of(System.getProperty("user.home")), System.in,
        System.console() != null, engine);
  }
}
