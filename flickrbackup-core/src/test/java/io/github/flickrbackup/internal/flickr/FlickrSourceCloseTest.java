package io.github.flickrbackup.internal.flickr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A source holds an OkHttp connection pool: closing it lets go of the connections at once. */
@Timeout(30)
class FlickrSourceCloseTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.generate(AccountSpec.seed(3).photos(5).sets(1)))
      .build();

  @Test
  void closeDropsThePooledConnectionsAndRefusesFurtherCalls() throws Exception {
    FlickrPhotoSource source = TestSources.source(fake);
    List<RemoteItem> items = new ArrayList<>();
    source.listUpdated(Instant.EPOCH, items::add);
    try (InputStream in = source.openMedia(items.get(0)).body()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    assertThat(source.pooledConnections()).isPositive();
    long requests = fake.stats().requests();

    source.close();

    assertThat(source.pooledConnections()).isZero();
    assertThatThrownBy(() -> source.listUpdated(Instant.EPOCH, items::add))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> source.openMedia(items.get(0)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThat(fake.stats().requests()).isEqualTo(requests);
    source.close(); // again: nothing happens
  }

  @Test
  void theBuiltSourceIsTheClosableFlickrSource() {
    var issued = fake.issueAccessToken();
    try (PhotoSource source = FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(TestSources.KEY).accessToken(TestSources.token(issued)).build()) {
      assertThat(source).isInstanceOf(FlickrPhotoSource.class);
    }
  }
}
