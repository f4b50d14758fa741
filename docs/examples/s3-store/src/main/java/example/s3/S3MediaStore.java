package example.s3;

import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.MediaStoreException;
import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StoreFeatures;
import io.github.flickrbackup.store.StorePath;
import io.github.flickrbackup.store.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link MediaStore} in an S3 bucket (AWS, or any S3-compatible server), under an optional
 * key prefix: the store path {@code Holidays/2012/02/28/1001.jpg} becomes the key
 * {@code PREFIX/Holidays/2012/02/28/1001.jpg}, so the bucket mirrors the folder layout.
 *
 * <ul>
 *   <li><b>Atomic writes.</b> A write is spooled to a local temporary file (its size and MD5
 *       are then known, and an abandoned write uploads nothing). {@code commit} uploads it to
 *       a temporary key under {@code PREFIX/.flickrbackup-tmp/} with {@code Content-MD5}, so
 *       the server refuses a body damaged on the way; a server-side copy then publishes it
 *       under the final key in one step, and the temporary key is deleted. A reader sees the
 *       old object or the new one, never part of one, also on S3-compatible servers that
 *       write a failing upload in place.</li>
 *   <li><b>stat</b> is a HEAD request, <b>walk</b> a listing of the prefix (temporary keys
 *       and keys that are no valid store path are skipped).</li>
 *   <li><b>No hard links</b>: second copies (an item in several albums) are server-side
 *       copies, and {@link StoreFeatures#objectStore()} tells the engine so.</li>
 *   <li><b>Typed failures</b> ({@link S3Failures}): HTTP 403 is {@code PERMISSION_DENIED},
 *       507 and quota errors are {@code NO_SPACE}, a missing key on {@code open} or
 *       {@code link} is a {@link NoSuchFileException}, the rest {@code OTHER}.</li>
 * </ul>
 * Objects are limited to 5 GB, S3's limit for one upload and one copy (Flickr's own limits
 * are 200 MB for a photo and 1 GB for a video). The client is the caller's: it is thread-safe,
 * and the caller closes it.
 *
 * <pre>{@code
 * MediaStore store = S3MediaStore.open(s3, "my-bucket", "flickr/");
 * BackupPlan plan = BackupPlan.builder().source(source)
 *     .store(store, Path.of("/var/lib/flickrbackup"))   // the catalog and lock stay local
 *     .build();
 * }</pre>
 */
public final class S3MediaStore implements MediaStore {
  /** Where uploads wait before they are copied into place; never listed by {@link #walk}. */
  static final String TEMPORARY = ".flickrbackup-tmp/";

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  private S3MediaStore(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  /**
   * A store in {@code bucket}, under {@code prefix}. Checks that the bucket can be reached.
   *
   * @param s3 the client (its endpoint, region and credentials choose the server)
   * @param bucket an existing bucket
   * @param prefix a key prefix such as {@code "flickr/"}, or {@code ""} for the whole bucket
   * @return the store
   * @throws MediaStoreException if the bucket is missing or may not be used
   */
  public static S3MediaStore open(S3Client s3, String bucket, String prefix) throws MediaStoreException {
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException("a key prefix ends with '/': '" + prefix + "'");
    }
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (SdkException e) {
      throw S3Failures.classify("cannot use bucket " + bucket, e);
    }
    return new S3MediaStore(s3, bucket, prefix);
  }

  @Override
  public StoreFeatures features() {
    return StoreFeatures.objectStore();
  }

  String key(StorePath path) {
    return prefix + path;
  }

  @Override
  public Optional<StoredFile> stat(StorePath path) throws IOException {
    try {
      HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key(path)));
      return Optional.of(new StoredFile(path, head.contentLength()));
    } catch (SdkException e) {
      if (S3Failures.isNotFound(e)) {
        return Optional.empty();
      }
      throw S3Failures.classify("cannot look up " + key(path), e);
    }
  }

  @Override
  public PendingWrite create(StorePath path) throws IOException {
    return new Upload(path);
  }

  @Override
  public InputStream open(StorePath path) throws IOException {
    try {
      return s3.getObject(g -> g.bucket(bucket).key(key(path)));
    } catch (SdkException e) {
      if (S3Failures.isNotFound(e)) {
        throw new NoSuchFileException(key(path));
      }
      throw S3Failures.classify("cannot read " + key(path), e);
    }
  }

  @Override
  public void link(StorePath existing, StorePath target, boolean forceCopy) throws IOException {
    // Object storage has no links: every second copy is a server-side copy, atomic at the target.
    copy(key(existing), key(target));
  }

  private void copy(String from, String to) throws IOException {
    try {
      s3.copyObject(c -> c.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
    } catch (SdkException e) {
      if (S3Failures.isNotFound(e)) {
        throw new NoSuchFileException(from);
      }
      throw S3Failures.classify("cannot copy " + from + " to " + to, e);
    }
  }

  @Override
  public boolean delete(StorePath path) throws IOException {
    // DeleteObject succeeds whether or not the key exists; the contract wants to know which.
    if (stat(path).isEmpty()) {
      return false;
    }
    try {
      s3.deleteObject(d -> d.bucket(bucket).key(key(path)));
      return true;
    } catch (SdkException e) {
      throw S3Failures.classify("cannot delete " + key(path), e);
    }
  }

  @Override
  public void walk(Consumer<? super StoredFile> visitor) throws IOException {
    try {
      for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
          .prefix(prefix).build()).contents()) {
        String relative = object.key().substring(prefix.length());
        if (relative.startsWith(TEMPORARY)) {
          continue;
        }
        StorePath path;
        try {
          path = StorePath.parse(relative);
        } catch (IllegalArgumentException notOurs) {
          continue; // e.g. "folder/" markers made by consoles, or "a//b": no backup file
        }
        visitor.accept(new StoredFile(path, object.size()));
      }
    } catch (SdkException e) {
      throw S3Failures.classify("cannot list " + bucket + "/" + prefix, e);
    }
  }

  /**
   * Deletes temporary uploads older than {@code age}, which a process killed between upload
   * and copy leaves behind (a bucket lifecycle rule on {@code PREFIX/.flickrbackup-tmp/} does
   * the same without code).
   *
   * @param age how old a temporary upload must be; a day is safe while a run may be writing
   * @return how many were deleted
   * @throws IOException if listing or deleting fails
   */
  public int removeTemporaryUploads(Duration age) throws IOException {
    Instant before = Instant.now().minus(age);
    int removed = 0;
    try {
      for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
          .prefix(prefix + TEMPORARY).build()).contents()) {
        if (object.lastModified().isBefore(before)) {
          s3.deleteObject(d -> d.bucket(bucket).key(object.key()));
          removed++;
        }
      }
    } catch (SdkException e) {
      throw S3Failures.classify("cannot remove temporary uploads in " + bucket + "/" + prefix + TEMPORARY, e);
    }
    return removed;
  }

  @Override
  public String toString() {
    return "S3MediaStore[s3://" + bucket + "/" + prefix + "]";
  }

  /** A write spooled to a local file, then uploaded, checked and copied into place by {@link #commit}. */
  private final class Upload implements PendingWrite {
    private final StorePath path;
    private final Path spool;
    private final MessageDigest md5;
    private final OutputStream out;
    private boolean closed;

    Upload(StorePath path) throws IOException {
      this.path = path;
      this.spool = Files.createTempFile("flickrbackup-s3-", ".part");
      try {
        this.md5 = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java has MD5", e);
      }
      this.out = new DigestOutputStream(Files.newOutputStream(spool), md5);
    }

    @Override
    public OutputStream stream() {
      return out;
    }

    @Override
    public void commit() throws IOException {
      if (closed) {
        throw new IllegalStateException("this write is closed");
      }
      out.close();
      long size = Files.size(spool);
      String temporary = prefix + TEMPORARY + UUID.randomUUID();
      try {
        s3.putObject(p -> p.bucket(bucket).key(temporary).contentLength(size)
            .contentMD5(Base64.getEncoder().encodeToString(md5.digest())), RequestBody.fromFile(spool));
      } catch (SdkException e) {
        throw S3Failures.classify("cannot upload " + key(path), e);
      }
      try {
        copy(temporary, key(path));
      } finally {
        try {
          s3.deleteObject(d -> d.bucket(bucket).key(temporary));
        } catch (SdkException e) {
          // Harmless: walk skips it and removeTemporaryUploads collects it; the copy's outcome is what counts.
        }
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        out.close();
      } finally {
        Files.deleteIfExists(spool);
      }
    }
  }
}
