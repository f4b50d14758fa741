package example.s3;

import io.github.flickrbackup.store.MediaStoreException;
import io.github.flickrbackup.store.MediaStoreException.Reason;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * What an S3 failure means for a backup, decided by HTTP status and error code (never by the
 * message), as {@link MediaStoreException.Reason} wants it.
 */
final class S3Failures {
  /** Error codes S3-compatible servers use for a full disk or a used-up quota. */
  private static final Set<String> NO_SPACE_CODES = Set.of(
      "QuotaExceeded",          // Ceph RGW
      "XMinioStorageFull",      // MinIO
      "InsufficientStorage");   // HTTP 507 servers

  private S3Failures() {}

  /** A missing key (or, for HEAD, which has no body, any 404). */
  static boolean isNotFound(SdkException e) {
    return e instanceof NoSuchKeyException
        || (e instanceof AwsServiceException s && s.statusCode() == 404 && !(e instanceof NoSuchBucketException)
            && !"NoSuchBucket".equals(code(s)));
  }

  static MediaStoreException classify(String what, SdkException e) {
    return new MediaStoreException(reason(e), what + ": " + e.getMessage(), e);
  }

  static Reason reason(SdkException e) {
    if (e instanceof AwsServiceException s) {
      String code = code(s);
      if (s.statusCode() == 507 || NO_SPACE_CODES.contains(code)) {
        return Reason.NO_SPACE;
      }
      if (s.statusCode() == 403) {
        // AccessDenied, and credentials that are wrong or lack the right: the fix is the user's.
        return Reason.PERMISSION_DENIED;
      }
    }
    // Network failures, 5xx, throttling after the SDK's own retries, a missing bucket.
    return Reason.OTHER;
  }

  private static String code(AwsServiceException s) {
    return s.awsErrorDetails() == null || s.awsErrorDetails().errorCode() == null ? ""
        : s.awsErrorDetails().errorCode();
  }
}
