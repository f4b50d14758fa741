package io.github.flickrbackup.cli;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.TypeConversionException;

/**
 * Where the endpoint, the API key and an environment-supplied access token come from, first
 * match wins: the command line, then the environment, then the config file.
 */
final class Credentials {
  static final String ENDPOINT_VARIABLE = "FLICKRBACKUP_ENDPOINT";
  static final String KEY_VARIABLE = "FLICKR_API_KEY";
  static final String SECRET_VARIABLE = "FLICKR_API_SECRET";
  static final String TOKEN_VARIABLE = "FLICKR_ACCESS_TOKEN";
  static final String TOKEN_SECRET_VARIABLE = "FLICKR_ACCESS_TOKEN_SECRET";
  static final String GET_A_KEY = "https://www.flickr.com/services/apps/create/";

  private Credentials() {}

  static FlickrEndpoint endpoint(BackupOptions o, Env env, ConfigFile config) throws CliException {
    if (o.endpoint != null) {
      return FlickrEndpoint.at(o.endpoint);
    }
    Optional<String> fromEnv = env.variable(ENDPOINT_VARIABLE);
    if (fromEnv.isPresent()) {
      return at(fromEnv.get(), ENDPOINT_VARIABLE);
    }
    Optional<String> fromConfig = config.get("endpoint");
    if (fromConfig.isPresent()) {
      return at(fromConfig.get(), "endpoint in " + config.path());
    }
    return FlickrEndpoint.flickr();
  }

  private static FlickrEndpoint at(String url, String where) throws CliException {
    try {
      URI uri = Converters.parseUrl(url);
      return FlickrEndpoint.at(uri);
    } catch (TypeConversionException e) {
      throw new CliException(where + ": " + e.getMessage());
    }
  }

  static ApiKey apiKey(BackupOptions o, Env env, ConfigFile config) throws CliException {
    String key = first(o.apiKey, env.variable(KEY_VARIABLE), config.get("api.key"));
    String secret = first(o.apiSecret, env.variable(SECRET_VARIABLE), config.get("api.secret"));
    if (key == null && secret == null) {
      throw new CliException("no Flickr API key: get one at " + GET_A_KEY + " and set " + KEY_VARIABLE
          + " and " + SECRET_VARIABLE + " (or api.key and api.secret in " + config.path() + ")");
    }
    if (key == null) {
      throw new CliException("the API secret is set but not the key: set " + KEY_VARIABLE
          + ", --api-key or api.key in " + config.path());
    }
    if (secret == null) {
      throw new CliException("the API key is set but not its secret: set " + SECRET_VARIABLE
          + ", --api-secret or api.secret in " + config.path());
    }
    return new ApiKey(key, secret);
  }

  /** A token given in the environment, for headless servers and containers. */
  static Optional<AccessToken> tokenFromEnvironment(Env env) throws CliException {
    Optional<String> token = env.variable(TOKEN_VARIABLE);
    Optional<String> secret = env.variable(TOKEN_SECRET_VARIABLE);
    if (token.isEmpty() && secret.isEmpty()) {
      return Optional.empty();
    }
    if (token.isEmpty() || secret.isEmpty()) {
      throw new CliException("set both " + TOKEN_VARIABLE + " and " + TOKEN_SECRET_VARIABLE + ", or neither");
    }
    return Optional.of(new AccessToken(token.get(), secret.get(), "", ""));
  }

  private static String first(String option, Optional<String> env, Optional<String> config) {
    if (option != null && !option.isBlank()) {
      return option.trim();
    }
    return env.or(() -> config).orElse(null);
  }
}
