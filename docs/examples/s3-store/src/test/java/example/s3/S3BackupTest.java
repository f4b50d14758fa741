package example.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.FlickrBackup;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.TestToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backs up one fake account twice, into S3 (through S3MediaStore, on a real S3 API server) and
 * into a folder (the built-in store), and checks that the bucket's keys are the folder's
 * files, byte for byte: after the first, full run and after an incremental one.
 */
@Timeout(300)
class S3BackupTest {
  private static final String PREFIX = "flickr/";

  static S3Server s3;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Server.start();
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  /** Albums with awkward titles (.., a/b, emoji, NFD), items in several albums, videos. */
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(42).photos(40).sets(6).videoShare(0.1).multiSetShare(0.3)
          .averageBytes(6_000).hostile(true)))
      .build();

  @TempDir Path dir;

  private PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()))
        .build();
  }

  @Test
  void fullAndIncrementalBackupsLeaveTheFolderLayoutAsKeys() throws Exception {
    String bucket = s3.newBucket();
    Path folder = dir.resolve("folder");
    try (PhotoSource source = source()) {
      BackupPlan toS3 = BackupPlan.builder()
          .source(source)
          .store(S3MediaStore.open(s3.client(), bucket, PREFIX), dir.resolve("s3-state"))
          .selection(Selection.sinceLastRunOr(Instant.EPOCH))
          .retries(0)
          .build();
      BackupPlan toFolder = toS3.toBuilder().destination(folder).build();

      BackupResult intoS3 = FlickrBackup.run(toS3);
      BackupResult intoFolder = FlickrBackup.run(toFolder);

      assertThat(intoS3.downloaded()).isGreaterThan(30).isEqualTo(intoFolder.downloaded());
      assertThat(intoS3.failures().stream().map(ItemFailure::id))
          .containsExactlyInAnyOrderElementsOf(intoFolder.failures().stream().map(ItemFailure::id).toList());
      Map<String, String> keys = keys(bucket);
      assertThat(keys).hasSizeGreaterThan(2 * intoS3.downloaded()).isEqualTo(files(folder));

      // Incremental: one edit, one replaced original, one new upload in an album.
      FakeAccount live = fake.account();
      FakeItem edited = live.items().get(1);
      FakeItem replaced = live.items().get(2);
      String album = live.sets().get(0).id();
      live.editMetadata(edited.id(), e -> e.title("Edited after the first run"));
      live.replaceMedia(replaced.id());
      live.addPhoto("9000000001", p -> p.title("New upload").taken("2020-05-05 05:05:05").inSets(album));
      fake.stats().reset();

      BackupResult again = FlickrBackup.run(toS3);
      assertThat(again.downloaded()).isEqualTo(1);
      assertThat(again.updated()).isEqualTo(1);
      assertThat(again.metadataOnly()).isGreaterThanOrEqualTo(1);
      assertThat(fake.stats().downloads(edited.id())).isZero();
      assertThat(fake.stats().downloads(replaced.id())).isEqualTo(1);
      FlickrBackup.run(toFolder);

      Map<String, String> after = keys(bucket);
      assertThat(after).isEqualTo(files(folder)).isNotEqualTo(keys);
      assertThat(after.keySet()).anyMatch(k -> k.endsWith("/9000000001.jpg"));
      assertThat(s3.client().listObjectsV2(l -> l.bucket(bucket).prefix(PREFIX + S3MediaStore.TEMPORARY)).contents())
          .as("temporary uploads left behind").isEmpty();
    }
  }

  /** Every key under the prefix, with the SHA-256 of its content. */
  private static Map<String, String> keys(String bucket) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (S3Object o : s3.client().listObjectsV2Paginator(l -> l.bucket(bucket).prefix(PREFIX)).contents()) {
      try (InputStream in = s3.client().getObject(g -> g.bucket(bucket).key(o.key()))) {
        out.put(o.key().substring(PREFIX.length()), sha256(in));
      }
    }
    return out;
  }

  /** Every file of the backup folder but the catalog's, with the SHA-256 of its content. */
  private static Map<String, String> files(Path folder) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String relative = folder.relativize(p).toString();
        if (!relative.startsWith(".flickrbackup/")) {
          try (InputStream in = Files.newInputStream(p)) {
            out.put(relative, sha256(in));
          }
        }
      }
    }
    return out;
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
