package io.github.flickrbackup;

import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.testkit.FakeFlickr;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A full backup in a JVM of its own, for {@link KilledJvmTest} to kill: {@code java -cp
 * <test classpath> io.github.flickrbackup.BackupProcessMain <fake base URL> <token> <secret>
 * <nsid> <username> <destination>}. Prints {@code started} once the run holds its lock,
 * {@code downloading} when the first item starts, and {@code finished} at the end.
 */
public final class BackupProcessMain {
  private BackupProcessMain() {}

  public static void main(String[] args) throws Exception {
    FlickrSource.Builder source = FlickrSource.builder()
        .endpoint(FlickrEndpoint.at(URI.create(args[0])))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(args[1], args[2], args[3], args[4]))
        .maxAttempts(3);
    BackupResult r = FlickrBackup.run(BackupPlan.builder()
        .source(source.build())
        .destination(Path.of(args[5]))
        .selection(Selection.updatedSince(Instant.EPOCH))
        .threads(4)
        .listener(new BackupListener() {
          private final java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean();

          @Override
          public void runStarted(BackupPlan plan) {
            System.out.println("started");
            System.out.flush();
          }

          @Override
          public void itemStarted(io.github.flickrbackup.source.PhotoId id, long expectedBytes) {
            if (first.compareAndSet(false, true)) {
              System.out.println("downloading");
              System.out.flush();
            }
          }
        })
        .build());
    System.out.println("finished: " + r.downloaded() + " downloaded, " + r.failed() + " failed");
  }
}
