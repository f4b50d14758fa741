package example.s3;

import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.MediaStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store passes core's contract suite against a real S3 API server. */
class S3MediaStoreTest extends MediaStoreContract {
  static S3Server s3;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Server.start();
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  @Override
  protected MediaStore newStore() throws Exception {
    return S3MediaStore.open(s3.client(), s3.newBucket(), "flickr/");
  }
}
