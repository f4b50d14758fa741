package io.github.flickrbackup.internal.flickr;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.internal.resilience.Resilience;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.SessionProvider;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything a Flickr source is built from ({@code FlickrSource.Builder} fills it).
 *
 * @param endpoint where Flickr is
 * @param apiKey the consumer key
 * @param token the access token
 * @param session cookies for media hosts, or null
 * @param requestTimeout per-request call timeout
 * @param connectTimeout connect timeout
 * @param retry retry and limiter settings
 * @param listener hears retries
 * @param clock for {@code Retry-After} dates
 */
public record SourceSettings(
    FlickrEndpoint endpoint,
    ApiKey apiKey,
    AccessToken token,
    SessionProvider session,
    Duration requestTimeout,
    Duration connectTimeout,
    Resilience.Settings retry,
    BackupListener listener,
    Clock clock) {}
