package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The fake over HTTPS, with a key made by the JDK's keytool for 127.0.0.1. */
@Timeout(60)
class HttpsTest {
  @TempDir Path work;

  @Test
  void servesTheApiAndTheMediaOverHttpsWithUrlsThatSayHttps() throws Exception {
    LoopbackCertificate cert = LoopbackCertificate.create(work);
    try (FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.generate(AccountSpec.seed(2).photos(3)))
        .https(cert.keyStore(), cert.password()).build()) {
      fake.start();
      assertThat(fake.baseUrl().getScheme()).isEqualTo("https");
      FakeItem item = fake.account().items().get(0);
      OkHttpClient client = new OkHttpClient.Builder().sslSocketFactory(cert.clientSockets(), cert.trustManager())
          .build();
      try (Response r = client.newCall(new Request.Builder().url(item.mediaUrl(fake.baseUrl()).toString()).build())
          .execute()) {
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.handshake()).isNotNull();
        assertThat(r.protocol()).isEqualTo(Protocol.HTTP_1_1);
        assertThat(r.body().bytes()).isEqualTo(item.mediaBytes());
      }
      // A client that does not trust the key is refused in the handshake: it is real TLS.
      assertThatThrownBy(() -> new OkHttpClient().newCall(new Request.Builder().url(fake.restUrl().toString()).build())
          .execute()).isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void theStandaloneFakeServesHttpsFromAKeyStoreFile() throws Exception {
    LoopbackCertificate cert = LoopbackCertificate.create(work);
    FakeFlickr fake = FakeFlickrMain.build(FakeFlickrMain.Options.parse(new String[] {"--https",
        cert.keyStore() + ":" + cert.password(), "--photos", "2"}));
    try (fake) {
      fake.start();
      assertThat(fake.baseUrl().toString()).startsWith("https://127.0.0.1:");
    }
    assertThatThrownBy(() -> FakeFlickrMain.build(FakeFlickrMain.Options.parse(new String[] {"--https",
        work.resolve("missing.p12") + ":secret"}))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.p12");
    assertThat(FakeFlickrMain.Options.USAGE).contains("--https FILE:PASSWORD");
  }

  @Test
  void aWholeJvmTrustsTheCertificateThroughItsOptions() throws Exception {
    LoopbackCertificate cert = LoopbackCertificate.create(work);
    assertThat(cert.jvmTrustOptions()).containsExactly("-Djavax.net.ssl.trustStore=" + cert.keyStore(),
        "-Djavax.net.ssl.trustStorePassword=" + cert.password(), "-Djavax.net.ssl.trustStoreType=PKCS12");
    assertThat(cert.trustManager().getAcceptedIssuers()).singleElement()
        .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=127.0.0.1"));
  }
}
