package io.github.flickrbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
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

  /** A PKCS#12 file with an EC key whose self-signed certificate names 127.0.0.1. */
  static Path keyStore(Path folder, String password) throws Exception {
    Path file = folder.resolve("fake.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "fake", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", password)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return file;
  }

  static OkHttpClient trusting(Path keyStore, String password) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      trusted.load(in, password.toCharArray());
    }
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(trusted);
    X509TrustManager tm = (X509TrustManager) f.getTrustManagers()[0];
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {tm}, null);
    return new OkHttpClient.Builder().sslSocketFactory(tls.getSocketFactory(), tm).build();
  }

  @Test
  void servesTheApiAndTheMediaOverHttpsWithUrlsThatSayHttps() throws Exception {
    Path p12 = keyStore(work, "changeit");
    try (FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.generate(AccountSpec.seed(2).photos(3)))
        .https(p12, "changeit").build()) {
      fake.start();
      assertThat(fake.baseUrl().getScheme()).isEqualTo("https");
      FakeItem item = fake.account().items().get(0);
      OkHttpClient client = trusting(p12, "changeit");
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
    Path p12 = keyStore(work, "secret");
    FakeFlickr fake = FakeFlickrMain.build(FakeFlickrMain.Options.parse(new String[] {"--https", p12 + ":secret",
        "--photos", "2"}));
    try (fake) {
      fake.start();
      assertThat(fake.baseUrl().toString()).startsWith("https://127.0.0.1:");
    }
    assertThatThrownBy(() -> FakeFlickrMain.build(FakeFlickrMain.Options.parse(new String[] {"--https",
        work.resolve("missing.p12") + ":secret"}))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.p12");
    assertThat(FakeFlickrMain.Options.USAGE).contains("--https FILE:PASSWORD");
  }
}
