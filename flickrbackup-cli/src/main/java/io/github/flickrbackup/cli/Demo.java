package io.github.flickrbackup.cli;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.TestToken;

/**
 * The fake Flickr of {@code --demo}: a generated account (always the same, from a fixed seed)
 * served on 127.0.0.1 from inside this program, with a key and a token already issued, so that
 * the demo needs no key, no login and no network.
 */
final class Demo implements AutoCloseable {
  static final long SEED = 2012_02_28L;

  private final FakeFlickr fake;
  private final AccessToken token;

  private Demo(FakeFlickr fake, AccessToken token) {
    this.fake = fake;
    this.token = token;
  }

  static Demo start() {
    FakeAccount account = FakeAccount.generate(AccountSpec.seed(SEED)
        .photos(36).sets(4).videoShare(0.1).multiSetShare(0.25).favorites(6).averageBytes(24_000));
    if (account.items().stream().noneMatch(FakeItem::isVideo)) {
      // The demo should show a video too; the seed makes this deterministic either way.
      account.addVideo("9000000001", v -> v.title("A short video").taken("2012-02-28 14:03:10"));
    }
    FakeFlickr fake = FakeFlickr.builder().account(account).build();
    fake.start();
    TestToken t = fake.issueAccessToken(FakeFlickr.DEFAULT_CONSUMER_KEY);
    return new Demo(fake, new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()));
  }

  FlickrEndpoint endpoint() {
    return FlickrEndpoint.at(fake.baseUrl());
  }

  ApiKey apiKey() {
    return new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET);
  }

  AccessToken token() {
    return token;
  }

  /** One line saying what the demo serves. */
  String describe() {
    FakeAccount a = fake.account();
    long videos = a.items().stream().filter(FakeItem::isVideo).count();
    return "Demo: a fake Flickr at " + fake.baseUrl() + " serving " + a.owner().username() + "'s "
        + (a.items().size() - videos) + " photos and " + videos + " videos in " + a.sets().size()
        + " albums, and " + a.favorites().size() + " favorites (nothing leaves this machine).";
  }

  @Override
  public void close() {
    fake.close();
  }
}
