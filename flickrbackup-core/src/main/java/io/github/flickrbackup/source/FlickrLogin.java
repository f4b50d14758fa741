package io.github.flickrbackup.source;

import io.github.flickrbackup.AuthenticationException;
import io.github.flickrbackup.SourceException;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Gets an access token the way an unattended program needs it: check the saved token with
 * Flickr and reuse it; if there is none, or Flickr refuses it (revoked, made for another
 * key), authorise again through a {@link Prompt} and save the new token. Built on
 * {@link FlickrAuthorization} and a {@link TokenStore}.
 *
 * <pre>{@code
 * FlickrLogin login = FlickrLogin.of(FlickrEndpoint.flickr(), key,
 *     FileTokenStore.inFolder(Path.of(System.getProperty("user.home"), ".flickr")));
 * AccessToken token = login.token(url -> {
 *   System.out.println("Open " + url + ", allow access, and type the code Flickr shows:");
 *   return new Scanner(System.in).nextLine();
 * });
 * }</pre>
 *
 * <p>A program that must not wait for a person (a cron job) uses the two steps on their own:
 * {@link #savedToken()}, and when that is empty, stop and say so instead of calling
 * {@link #authorize(Prompt)}.
 */
public final class FlickrLogin {
  private final FlickrEndpoint endpoint;
  private final ApiKey key;
  private final TokenStore tokens;

  private FlickrLogin(FlickrEndpoint endpoint, ApiKey key, TokenStore tokens) {
    this.endpoint = endpoint;
    this.key = key;
    this.tokens = tokens;
  }

  /**
   * A login for this application on this Flickr, keeping its token in {@code tokens}.
   *
   * @param endpoint where Flickr is ({@link FlickrEndpoint#flickr()}, or the testkit's fake)
   * @param key the application's API key
   * @param tokens where the token is kept between runs
   * @return the login; nothing is called yet
   */
  public static FlickrLogin of(FlickrEndpoint endpoint, ApiKey key, TokenStore tokens) {
    return new FlickrLogin(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(key, "key"),
        Objects.requireNonNull(tokens, "tokens"));
  }

  /**
   * Asks a person to authorise read access: show them the page, return the code Flickr shows
   * there once they allowed access.
   */
  @FunctionalInterface
  public interface Prompt {
    /**
     * Shows the authorisation page and waits for the code.
     *
     * @param authorizeUrl the page to open in a browser (on any machine)
     * @return the code Flickr showed, e.g. {@code 123-456-789}
     * @throws IOException if the code cannot be read; it is passed on unchanged by
     *     {@link FlickrLogin#authorize(Prompt)}, so a prompt may throw its own subclass
     *     (for example {@link java.io.EOFException} at the end of input) and its caller
     *     catch it
     */
    String code(URI authorizeUrl) throws IOException;
  }

  /**
   * A usable token without asking anyone: the saved one, if Flickr still accepts it
   * ({@code flickr.test.login}). A saved token whose user name or NSID changed on Flickr is
   * saved again with the new values.
   *
   * @return the checked token, or empty if none is saved
   * @throws AuthenticationException if Flickr refused the saved token; it has been removed
   *     from the store, so {@link #authorize(Prompt)} is the way on
   * @throws SourceException if Flickr cannot be reached
   * @throws IOException if the token store cannot be read or written
   */
  public Optional<AccessToken> savedToken() throws SourceException, IOException {
    Optional<AccessToken> saved = tokens.find(endpoint, key);
    if (saved.isEmpty()) {
      return Optional.empty();
    }
    AccessToken checked;
    try {
      checked = FlickrAuthorization.check(endpoint, key, saved.get());
    } catch (AuthenticationException refused) {
      tokens.forget(endpoint, key);
      throw new AuthenticationException("Flickr refused the saved authorisation (revoked, or made for another "
          + "API key); it was removed from " + tokens.location() + ": authorise again", refused);
    }
    if (!checked.userNsid().equals(saved.get().userNsid()) || !checked.username().equals(saved.get().username())) {
      tokens.save(endpoint, key, checked);
    }
    return Optional.of(checked);
  }

  /**
   * Authorises afresh (the OAuth out-of-band flow) and saves the new token.
   *
   * @param prompt shows the page and returns the code
   * @return the new token, with the account's NSID and user name
   * @throws AuthenticationException if Flickr refuses the API key or the code, or the prompt
   *     returns no code ({@code null} or blank)
   * @throws SourceException if Flickr cannot be reached
   * @throws IOException if the prompt fails (passed on unchanged), or the token cannot be saved
   */
  public AccessToken authorize(Prompt prompt) throws SourceException, IOException {
    Objects.requireNonNull(prompt, "prompt");
    FlickrAuthorization flow = FlickrAuthorization.start(endpoint, key);
    String code = prompt.code(flow.authorizeUrl());
    if (code == null || code.isBlank()) {
      throw new AuthenticationException("no authorisation code was given: open " + flow.authorizeUrl()
          + ", allow access, and give the code Flickr shows");
    }
    AccessToken token = flow.complete(code.trim());
    tokens.save(endpoint, key, token);
    return token;
  }

  /**
   * Check, reuse, re-authorise: the saved token if Flickr accepts it, otherwise a new one
   * through the prompt (which is then saved).
   *
   * @param prompt asked only when there is no usable saved token
   * @return a token Flickr accepts
   * @throws AuthenticationException if Flickr refuses the API key or the code
   * @throws SourceException if Flickr cannot be reached
   * @throws IOException if the prompt fails, or the token store cannot be used
   */
  public AccessToken token(Prompt prompt) throws SourceException, IOException {
    Objects.requireNonNull(prompt, "prompt");
    try {
      Optional<AccessToken> saved = savedToken();
      if (saved.isPresent()) {
        return saved.get();
      }
    } catch (AuthenticationException refusedAndForgotten) {
      // The store no longer holds it: asking again is the remedy.
    }
    return authorize(prompt);
  }

  /**
   * Where the token is kept.
   *
   * @return the store
   */
  public TokenStore tokens() {
    return tokens;
  }

  @Override
  public String toString() {
    return "FlickrLogin[" + endpoint.rest() + ", " + key + ", " + tokens.location() + "]";
  }
}
