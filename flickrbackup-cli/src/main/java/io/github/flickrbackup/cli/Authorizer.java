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
 * Runs a command with an access token: from the environment, else the saved one, else one the
 * user authorises on Flickr by typing the code, as the Python tool does.
 *
 * <p>A saved token is not checked before the run: the run's first call checks it, which saves
 * a {@code flickr.test.login} on every run (a cron job's unchanged run makes three calls, not
 * four). When Flickr refuses it there, it is removed; at a terminal the user authorises again
 * and the command runs again, while a cron job gets a clear error instead of waiting for input.
 * A token from the environment carries no NSID, so it is checked first ({@code flickr.test.login}
 * gives the NSID too).
 */
final class Authorizer {
  /** What runs with the token; it throws {@link AuthenticationException} if Flickr refuses it. */
  interface WithToken {
    int run(AccessToken token) throws CliException, BackupException;
  }

  private final Engine engine;
  private final Env env;
  private final PrintWriter err;

  Authorizer(Engine engine, Env env, PrintWriter err) {
    this.engine = engine;
    this.env = env;
    this.err = err;
  }

  int run(FlickrEndpoint endpoint, ApiKey key, TokenStore tokens, WithToken command)
      throws CliException, BackupException {
    Optional<AccessToken> fromEnv = Credentials.tokenFromEnvironment(env);
    if (fromEnv.isPresent()) {
      try {
        return command.run(engine.check(endpoint, key, fromEnv.get()));
      } catch (AuthenticationException e) {
        throw new CliException("Flickr refused the token in " + Credentials.TOKEN_VARIABLE
            + " (revoked, or made for another API key): " + e.getMessage());
      }
    }
    FlickrLogin login = engine.login(endpoint, key, tokens);
    Optional<AccessToken> saved;
    try {
      saved = tokens.find(endpoint, key);
      if (saved.isPresent() && saved.get().userNsid().isEmpty()) {
        saved = login.savedToken(); // written without an NSID: the check fills it in
      }
    } catch (AuthenticationException refused) {
      saved = Optional.empty();
      refusedSaved(tokens);
    } catch (IOException e) {
      throw new CliException(e.getMessage(), e);
    }
    if (saved.isPresent()) {
      try {
        return command.run(saved.get());
      } catch (AuthenticationException refused) {
        try {
          tokens.forget(endpoint, key);
        } catch (IOException e) {
          throw new CliException("Flickr refused the saved authorisation (was it revoked?), and it could not be "
              + "removed from " + tokens.location() + ": " + e.getMessage(), e);
        }
        refusedSaved(tokens);
      }
    }
    return command.run(askUser(login));
  }

  /** A refused saved token (already removed): an error for a cron job, a new authorisation at a terminal. */
  private void refusedSaved(TokenStore tokens) throws CliException {
    if (!env.terminal()) {
      throw new CliException("Flickr refused the saved authorisation (was it revoked?); it was removed from "
          + tokens.location() + ": run flickrbackup once in a terminal to authorise again");
    }
    err.println("Flickr refused the saved authorisation (was it revoked?); authorising again.");
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
