package example.s3;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server on 127.0.0.1 for the tests: S3Proxy over jclouds' in-memory
 * ("transient") blob store, with AWS signature checking on. Nothing leaves the machine.
 */
final class S3Server implements AutoCloseable {
  static final String IDENTITY = "test-identity";
  static final String CREDENTIAL = "test-credential";

  private final BlobStoreContext blobs;
  private final S3Proxy proxy;
  private final S3Client client;
  private final AtomicInteger buckets = new AtomicInteger();

  private S3Server(BlobStoreContext blobs, S3Proxy proxy) {
    this.blobs = blobs;
    this.proxy = proxy;
    this.client = client(IDENTITY, CREDENTIAL);
  }

  static S3Server start() throws Exception {
    BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials(IDENTITY, CREDENTIAL)
        .build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(blobs.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(5);
    }
    return new S3Server(blobs, proxy);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** The client every test uses. */
  S3Client client() {
    return client;
  }

  /**
   * A client as a user configures one for an S3-compatible server: path-style addresses, and
   * checksums only where the API requires them (SDK 2.30 and later otherwise send trailing
   * CRC32 checksums that many S3-compatible servers do not understand yet).
   */
  S3Client client(String identity, String credential) {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(identity, credential)))
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  /** A new, empty bucket. */
  String newBucket() {
    String name = "backup-" + buckets.incrementAndGet();
    client.createBucket(b -> b.bucket(name));
    return name;
  }

  @Override
  public void close() throws Exception {
    client.close();
    proxy.stop();
    blobs.close();
  }
}
