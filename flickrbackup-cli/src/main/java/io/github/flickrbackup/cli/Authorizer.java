package io.github.flickrbackup.cli;

import io.github.flickrbackup.AuthenticationException;
import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrLogin;
import io.github.flickrbackup.source.TokenStore;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds an access token: from the environment, else the saved one (core's {@link FlickrLogin}
 * checks it with {@code flickr.test.login}), else by asking the user to authorise on Flickr and
 * type the code, as the Python tool does. A revoked saved token is removed and asked for again,
 * but only at a terminal: a cron job gets a clear error instead of waiting for input.
 */
final class Authorizer {
  private final Engine engine;
  private final Env env;
  private final PrintWriter err;

  Authorizer(Engine engine, Env env, PrintWriter err) {
    this.engine = engine;
    this.env = env;
    this.err = err;
  }

  AccessToken token(FlickrEndpoint endpoint, ApiKey key, TokenStore tokens) throws CliException, BackupException {
    Optional<AccessToken> fromEnv = Credentials.tokenFromEnvironment(env);
    if (fromEnv.isPresent()) {
      try {
        return engine.check(endpoint, key, fromEnv.get());
      } catch (AuthenticationException e) {
        throw new CliException("Flickr refused the token in " + Credentials.TOKEN_VARIABLE
            + " (revoked, or made for another API key): " + e.getMessage());
      }
    }
    FlickrLogin login = engine.login(endpoint, key, tokens);
    try {
      Optional<AccessToken> saved = login.savedToken();
      if (saved.isPresent()) {
        return saved.get();
      }
    } catch (AuthenticationException refused) {
      if (!env.terminal()) {
        throw new CliException("Flickr refused the saved authorisation (was it revoked?); it was removed from "
            + tokens.location() + ": run flickrbackup once in a terminal to authorise again");
      }
      err.println("Flickr refused the saved authorisation (was it revoked?); authorising again.");
    } catch (IOException e) {
      throw new CliException(e.getMessage(), e);
    }
    return askUser(login);
  }

  private AccessToken askUser(FlickrLogin login) throws CliException, BackupException {
    AccessToken token;
    try {
      token = login.authorize(url -> {
        err.println("flickrbackup needs read access to your Flickr account. Open this page, allow access,");
        err.println("and type the code it shows:");
        err.println();
        err.println("  " + url);
        err.println();
        err.print("Code: ");
        err.flush();
        String code;
        try {
          code = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
          throw new IOException("cannot read the authorisation code from standard input: " + e.getMessage(), e);
        }
        if (code == null || code.isBlank()) {
          throw new EOFException();
        }
        return code;
      });
    } catch (EOFException e) {
      throw new CliException("no authorisation code on standard input: run flickrbackup once in a terminal to "
          + "authorise, or set " + Credentials.TOKEN_VARIABLE + " and " + Credentials.TOKEN_SECRET_VARIABLE);
    } catch (IOException e) {
      throw new CliException(e.getMessage(), e);
    }
    err.println("Authorised" + (token.username().isEmpty() ? "" : " as " + token.username())
        + "; the token is saved in " + login.tokens().location());
    return token;
  }
}
