package io.github.flickrbackup.source;

import java.io.IOException;
import java.util.Optional;

/**
 * Keeps access tokens between runs, one per API key and endpoint, so that a program
 * authorises once and then runs unattended. A token read for one endpoint is never offered
 * to another (a token of the testkit's fake never meets the real Flickr), nor for another
 * API key (Flickr would refuse it).
 *
 * <p>The built-in store is a JSON file readable by its owner only:
 * {@link FileTokenStore#inFolder(java.nio.file.Path)}; it is the file the {@code flickrbackup}
 * command uses. Implement this interface to keep tokens elsewhere (a keychain, a secrets
 * manager). {@link FlickrLogin} uses a store to check, reuse and renew a token.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Tokens are secrets: an implementation never writes one to a log or into an
 *       exception's message.</li>
 *   <li>{@code save} replaces the earlier token of the same key and endpoint atomically: a
 *       crash leaves the old token or the new one, never a damaged store.</li>
 *   <li>An {@link IOException}'s message says what is wrong and what to do (for example
 *       "delete the file to authorise again"); callers show it as it is.</li>
 *   <li>Implementations are safe to use from several threads of one program.</li>
 * </ul>
 *
 * <pre>{@code
 * TokenStore tokens = FileTokenStore.inFolder(Path.of(System.getProperty("user.home"), ".flickr"));
 * Optional<AccessToken> saved = tokens.find(FlickrEndpoint.flickr(), key);
 * }</pre>
 */
public interface TokenStore {
  /**
   * The token saved for this key and endpoint.
   *
   * @param endpoint where the token is valid
   * @param key the application's key the token was issued to
   * @return the token, or empty if none is saved
   * @throws IOException if the store cannot be read or holds something unusable
   */
  Optional<AccessToken> find(FlickrEndpoint endpoint, ApiKey key) throws IOException;

  /**
   * Saves a token for this key and endpoint, replacing any earlier one.
   *
   * @param endpoint where the token is valid
   * @param key the application's key the token was issued to
   * @param token the token
   * @throws IOException if the store cannot be written; the earlier token is then kept
   */
  void save(FlickrEndpoint endpoint, ApiKey key, AccessToken token) throws IOException;

  /**
   * Removes the token of this key and endpoint (for example after Flickr refused it). Other
   * tokens are kept. Nothing happens if there is none.
   *
   * @param endpoint where the token was valid
   * @param key the application's key
   * @throws IOException if the store cannot be written
   */
  void forget(FlickrEndpoint endpoint, ApiKey key) throws IOException;

  /**
   * Where the tokens are, for messages to people: a file's path, a keychain's name. Never
   * contains a token.
   *
   * @return a short description
   */
  String location();
}
