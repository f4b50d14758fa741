package io.github.flickrbackup.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.AuthenticationException;
import io.github.flickrbackup.FailureKind;
import io.github.flickrbackup.ItemUnavailableException;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.internal.plan.Failures.Fatal;
import io.github.flickrbackup.internal.plan.Failures.ItemFailed;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.store.MediaStoreException;
import io.github.flickrbackup.store.MediaStoreException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailuresTest {
  @TempDir Path state;

  Failures.Verdict classify(Exception e) {
    return Failures.classify(e, state);
  }

  @Test
  void refusedCredentialsAFullDiskAndABrokenCatalogStopTheRun() {
    assertThat(classify(new AuthenticationException("Invalid auth token"))).isInstanceOf(Fatal.class);
    assertThat(classify(new Failures.StoreIo(new MediaStoreException(Reason.NO_SPACE, "disk full"))))
        .isInstanceOfSatisfying(Fatal.class, f -> assertThat(f.reason()).isInstanceOf(StoreException.class));
    assertThat(classify(new MediaStoreException(Reason.READ_ONLY, "read-only"))).isInstanceOf(Fatal.class);
    assertThat(classify(new Failures.StoreIo(new MediaStoreException(Reason.PERMISSION_DENIED, "denied"))))
        .isInstanceOf(Fatal.class);
    assertThat(classify(new SQLException("database disk image is malformed")))
        .isInstanceOfSatisfying(Fatal.class, f -> assertThat(f.reason()).hasMessageContaining("catalog"));
  }

  @Test
  void itemProblemsFailTheItemWithTheirKind() {
    PhotoId id = PhotoId.of("1");
    assertThat(classify(new ItemUnavailableException(id, FailureKind.NEEDS_WEB_SESSION, "404")))
        .isEqualTo(new ItemFailed(FailureKind.NEEDS_WEB_SESSION, "404", true));
    assertThat(classify(new SourceException("503 after retries")))
        .isEqualTo(new ItemFailed(FailureKind.DOWNLOAD_FAILED, "503 after retries", false));
    assertThat(classify(new Failures.CorruptMedia("html"))).isEqualTo(new ItemFailed(FailureKind.CORRUPT_MEDIA, "html",
        false));
    assertThat(classify(new Failures.StoreIo(new MediaStoreException(Reason.REFUSED_PATH, "a symbolic link"))))
        .extracting(v -> ((ItemFailed) v).kind()).isEqualTo(FailureKind.INVALID_ITEM);
    // Decided by type: a plain IOException is OTHER, whatever its message says.
    assertThat(classify(new Failures.StoreIo(new IOException("No space left on device"))))
        .extracting(v -> ((ItemFailed) v).kind()).isEqualTo(FailureKind.STORE_FAILED);
    assertThat(classify(new MediaStoreException(Reason.NOT_FOUND, "gone")))
        .extracting(v -> ((ItemFailed) v).kind()).isEqualTo(FailureKind.STORE_FAILED);
    assertThat(classify(new IOException("connection reset")))
        .extracting(v -> ((ItemFailed) v).kind()).isEqualTo(FailureKind.DOWNLOAD_FAILED);
    assertThat(classify(new IllegalArgumentException("unsafe path segment")))
        .extracting(v -> ((ItemFailed) v).kind()).isEqualTo(FailureKind.INVALID_ITEM);
  }

  @Test
  void onlyFailuresAnotherPassCouldCureAreRetried() {
    assertThat(Failures.worthRetrying(FailureKind.DOWNLOAD_FAILED)).isTrue();
    assertThat(Failures.worthRetrying(FailureKind.CORRUPT_MEDIA)).isTrue();
    assertThat(Failures.worthRetrying(FailureKind.NOT_FOUND)).isFalse();
    assertThat(Failures.worthRetrying(FailureKind.NEEDS_WEB_SESSION)).isFalse();
    assertThat(Failures.worthRetrying(FailureKind.INVALID_ITEM)).isFalse();
  }
}
