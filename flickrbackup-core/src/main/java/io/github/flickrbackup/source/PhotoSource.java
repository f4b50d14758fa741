package io.github.flickrbackup.source;

import io.github.flickrbackup.ItemUnavailableException;
import io.github.flickrbackup.SourceException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Where a backup reads items, albums and media from. The built-in implementation talks to
 * Flickr ({@link FlickrSource}); tests point it at the testkit's fake Flickr.
 *
 * <h2>Error contract</h2>
 * <ul>
 *   <li>Implementations retry transient failures (resets, 5xx, rate limits) themselves; a
 *       {@link SourceException} means retrying did not help.</li>
 *   <li>{@link io.github.flickrbackup.AuthenticationException} means the credentials were
 *       refused (bad key, revoked token): the run stops at once.</li>
 *   <li>{@link ItemUnavailableException} means one item cannot be had (deleted, needs a
 *       browser session): the run records it and goes on.</li>
 *   <li>A listing never reports an empty or partial result as complete. Given a
 *       {@link ListingSink}, it reports items it refused ({@link ListingSink#refused}) and a
 *       listing it could not confirm complete ({@link ListingSink#incomplete}) to the sink, after
 *       or between the items it hands over, and returns normally. Given a plain {@link Consumer},
 *       it hands over everything it can and then throws a {@link SourceException} instead.</li>
 * </ul>
 * Listing methods hand items to a sink as pages arrive, so memory does not grow with the
 * account; the sink may block to apply back-pressure. Implementations are thread-safe; a
 * decorator that wraps a listing's sink should keep it a {@link ListingSink}.
 *
 * <h2>Resources</h2>
 * A source may hold connections and threads ({@link FlickrSource}'s holds a connection pool):
 * close it when done, with try-with-resources. {@link io.github.flickrbackup.FlickrBackup#run}
 * never closes the plan's source, so one source can serve several runs; whoever built it
 * closes it. After {@link #close()} a source refuses further calls with
 * {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (PhotoSource source = FlickrSource.builder()
 *     .apiKey(new ApiKey(key, secret))
 *     .accessToken(token)
 *     .build()) {
 *   source.listUpdated(Instant.EPOCH, item -> System.out.println(item.id()));
 * }
 * }</pre>
 */
public interface PhotoSource extends AutoCloseable {
  /**
   * Lists the account's own items updated at or after {@code since}, each once.
   *
   * @param since lower bound of {@code lastupdate}; {@link Instant#EPOCH}, or any moment before
   *     Flickr opened (February 2004), lists everything: the engine then takes the listing for
   *     the whole account and asks no separate count of it
   * @param sink receives each item; may block; a {@link ListingSink} also hears refusals
   * @throws SourceException if listing fails after retries, or, for a sink that is not a
   *     {@link ListingSink}, if an item was refused or the listing could not be confirmed complete
   */
  void listUpdated(Instant since, Consumer<? super RemoteItem> sink) throws SourceException;

  /**
   * Lists the account's favorites faved at or after {@code since}, each once.
   *
   * @param since lower bound of {@code date_faved}; {@link Instant#EPOCH}, or any moment before
   *     Flickr opened (February 2004), lists everything
   * @param sink receives each item, with {@link RemoteItem#dateFaved()} set; may block; a
   *     {@link ListingSink} also hears refusals
   * @throws SourceException if listing fails after retries, or, for a sink that is not a
   *     {@link ListingSink}, if an item was refused or the listing could not be confirmed complete
   */
  void listFavorites(Instant since, Consumer<? super RemoteItem> sink) throws SourceException;

  /**
   * Lists the account's albums, in the owner's order.
   *
   * @return every album
   * @throws SourceException if listing fails after retries
   */
  List<Album> albums() throws SourceException;

  /**
   * Lists the ids of an album's members, in album order.
   *
   * @param album the album
   * @param sink receives each member id
   * @throws SourceException if listing fails after retries
   */
  void listAlbumMembers(Album album, Consumer<? super PhotoId> sink) throws SourceException;

  /**
   * Looks one item up by id (for explicit id lists).
   *
   * @param id the item
   * @return the item, or empty if Flickr says it does not exist
   * @throws SourceException if the lookup fails after retries
   */
  Optional<RemoteItem> item(PhotoId id) throws SourceException;

  /**
   * Lists the ids of the albums an item belongs to (for explicit id lists).
   *
   * @param id the item
   * @return album ids, primary first
   * @throws SourceException if the lookup fails after retries
   */
  List<String> albumIdsOf(PhotoId id) throws SourceException;

  /**
   * The URL the original media is fetched from, as recorded in metadata; for a video, the
   * stable {@code /play/orig/} page URL, never an expiring CDN URL.
   *
   * @param item the item
   * @return the URL
   * @throws SourceException if it cannot be determined
   */
  URI mediaUrl(RemoteItem item) throws SourceException;

  /**
   * Opens the original media of an item, resolving redirects afresh on every call. When the
   * original cannot be had but a lesser form can (Flickr offers no original of some videos,
   * only renditions), the source may open that instead and say so in
   * {@link MediaContent#substitute()}.
   *
   * @param item the item
   * @return the opened download; the caller closes it
   * @throws ItemUnavailableException if this item cannot be downloaded (gone, needs a session)
   * @throws SourceException if opening fails after retries
   */
  MediaContent openMedia(RemoteItem item) throws SourceException;

  /**
   * How many API calls this source has made so far (media downloads are not API calls).
   *
   * @return the count
   */
  long apiCalls();

  /**
   * How many items the account holds, as Flickr counts them, for the completeness report
   * ({@link FlickrSource}'s asks {@code people.getInfo}: one API call).
   *
   * @return the count, or empty if this source cannot tell (the default)
   * @throws SourceException if asking fails after retries
   */
  default OptionalLong ownItemCount() throws SourceException {
    return OptionalLong.empty();
  }

  /**
   * How many favorites the account has, as Flickr counts them, for the completeness report
   * ({@link FlickrSource}'s asks {@code favorites.getList} for one item: one API call).
   *
   * @return the count, or empty if this source cannot tell (the default)
   * @throws SourceException if asking fails after retries
   */
  default OptionalLong favoriteCount() throws SourceException {
    return OptionalLong.empty();
  }

  /**
   * Releases what the source holds: idle connections, threads. Calling it again does
   * nothing. The default does nothing, for sources that hold nothing.
   */
  @Override
  default void close() {}
}
