package io.github.flickrbackup.internal.flickr;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.internal.resilience.Resilience;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.SessionProvider;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.TestToken;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** Sources pointed at a fake, with millisecond retry delays so fault tests run fast. */
final class TestSources {
  static final ApiKey KEY = new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET);

  private TestSources() {}

  static AccessToken token(TestToken t) {
    return new AccessToken(t.token(), t.secret(), t.userNsid(), t.username());
  }

  static FlickrPhotoSource source(URI base, AccessToken token, SessionProvider session, BackupListener listener,
      int maxAttempts) {
    return source(base, KEY, token, session, listener, maxAttempts);
  }

  static FlickrPhotoSource source(URI base, ApiKey key, AccessToken token, SessionProvider session,
      BackupListener listener, int maxAttempts) {
    return FlickrPhotoSource.create(new SourceSettings(FlickrEndpoint.at(base), key, token, session,
        Duration.ofSeconds(10), Duration.ofSeconds(5),
        new Resilience.Settings(maxAttempts, Duration.ofMillis(1), Duration.ofSeconds(2), 3000),
        listener, Clock.systemUTC()));
  }

  static FlickrPhotoSource source(FakeFlickr fake) {
    return source(fake.baseUrl(), token(fake.issueAccessToken()), null, BackupListener.NONE, 4);
  }
}
