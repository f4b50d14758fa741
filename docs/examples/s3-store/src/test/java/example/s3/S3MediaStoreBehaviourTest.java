package example.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.store.MediaStoreException;
import io.github.flickrbackup.store.MediaStoreException.Reason;
import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StorePath;
import io.github.flickrbackup.store.StoredFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the contract does not cover: the key layout, temporary uploads, and S3's own failures. */
class S3MediaStoreBehaviourTest {
  static S3Server s3;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Server.start();
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  private static List<String> rawKeys(String bucket) {
    return s3.client().listObjectsV2(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
  }

  @Test
  void keysAreThePrefixAndTheStorePath() throws Exception {
    String bucket = s3.newBucket();
    S3MediaStore store = S3MediaStore.open(s3.client(), bucket, "photos/flickr/");
    try (PendingWrite w = store.create(StorePath.of("Holidays", "2012", "02", "28", "1001.jpg"))) {
      w.stream().write("jpeg".getBytes(StandardCharsets.UTF_8));
      w.commit();
    }
    assertThat(rawKeys(bucket)).containsExactly("photos/flickr/Holidays/2012/02/28/1001.jpg");
  }

  @Test
  void temporaryUploadsAreNotListedAndCanBeRemoved() throws Exception {
    String bucket = s3.newBucket();
    S3MediaStore store = S3MediaStore.open(s3.client(), bucket, "");
    // What a process killed between upload and copy leaves behind.
    s3.client().putObject(p -> p.bucket(bucket).key(S3MediaStore.TEMPORARY + "left-behind"), RequestBody.fromString("x"));
    s3.client().putObject(p -> p.bucket(bucket).key("console-folder/"), RequestBody.fromString("x"));
    List<StoredFile> listed = new ArrayList<>();

    store.walk(listed::add);

    assertThat(listed).isEmpty();
    assertThat(store.removeTemporaryUploads(Duration.ZERO)).isEqualTo(1);
    assertThat(rawKeys(bucket)).containsExactly("console-folder/");
  }

  @Test
  void credentialsTheServerRefusesArePermissionDenied() {
    String bucket = s3.newBucket();
    try (S3Client stranger = s3.client(S3Server.IDENTITY, "not-the-credential")) {
      assertThatThrownBy(() -> S3MediaStore.open(stranger, bucket, ""))
          .isInstanceOfSatisfying(MediaStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED))
          .hasMessageContaining(bucket);
    }
  }

  @Test
  void aMissingBucketIsRefusedAtOpen() {
    assertThatThrownBy(() -> S3MediaStore.open(s3.client(), "no-such-bucket", ""))
        .isInstanceOf(MediaStoreException.class).hasMessageContaining("no-such-bucket");
  }

  @Test
  void fullServersAreNoSpaceWhateverTheirDialect() {
    assertThat(S3Failures.reason(s3Error(507, "InsufficientStorage"))).isEqualTo(Reason.NO_SPACE);
    assertThat(S3Failures.reason(s3Error(400, "QuotaExceeded"))).isEqualTo(Reason.NO_SPACE);
    assertThat(S3Failures.reason(s3Error(507, "XMinioStorageFull"))).isEqualTo(Reason.NO_SPACE);
    assertThat(S3Failures.reason(s3Error(403, "AccessDenied"))).isEqualTo(Reason.PERMISSION_DENIED);
    assertThat(S3Failures.reason(s3Error(503, "SlowDown"))).isEqualTo(Reason.OTHER);
    assertThat(S3Failures.isNotFound(s3Error(404, "NoSuchBucket"))).isFalse();
    assertThat(S3Failures.isNotFound(s3Error(404, ""))).isTrue();
  }

  /** An error as the SDK builds it from a server's answer. */
  private static S3Exception s3Error(int status, String code) {
    return (S3Exception) S3Exception.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).message(code).build();
  }
}
