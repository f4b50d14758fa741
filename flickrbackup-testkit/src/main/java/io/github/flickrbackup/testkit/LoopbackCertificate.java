package io.github.flickrbackup.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed key and certificate for 127.0.0.1 in a PKCS#12 file, made by the JDK's own
 * {@code keytool}, so that the fake can serve HTTPS ({@link FakeFlickr.Builder#https(Path, String)})
 * and a client can trust it and nothing else.
 *
 * <pre>{@code
 * LoopbackCertificate cert = LoopbackCertificate.create(tempDir);
 * FakeFlickr fake = FakeFlickr.builder().https(cert.keyStore(), cert.password()).build();
 * OkHttpClient client = new OkHttpClient.Builder().sslSocketFactory(cert.clientSockets(), cert.trustManager()).build();
 * }</pre>
 */
public final class LoopbackCertificate {
  private static final String PASSWORD = "fakeflickr";

  private final Path keyStore;
  private final X509TrustManager trustManager;
  private final SSLSocketFactory clientSockets;

  private LoopbackCertificate(Path keyStore) throws IOException {
    this.keyStore = keyStore;
    try {
      KeyStore trusted = read(keyStore, PASSWORD);
      TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init(trusted);
      this.trustManager = (X509TrustManager) f.getTrustManagers()[0];
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {trustManager}, null);
      this.clientSockets = tls.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the key store " + keyStore + ": " + e.getMessage(), e);
    }
  }

  /** Reads a PKCS#12 file: this class's, or any other a fake serves HTTPS with. */
  static KeyStore read(Path pkcs12, String password) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pkcs12)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, password.toCharArray());
      return keys;
    }
  }

  /**
   * Makes a new key (EC, valid two days) in {@code folder/fakeflickr.p12}.
   *
   * @throws IOException if keytool is missing or fails (its output is in the message)
   */
  public static LoopbackCertificate create(Path folder) throws IOException {
    Path file = folder.resolve("fakeflickr.p12");
    Files.deleteIfExists(file);
    // The keytool beside this JVM's java (the one whose trust store format it writes), else the PATH's.
    String keytool = ProcessHandle.current().info().command()
        .map(java -> Path.of(java).resolveSibling("keytool"))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .orElse("keytool");
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "fakeflickr", "-keyalg", "EC",
        "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", PASSWORD)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException("keytool failed (exit " + p.exitValue() + "): " + output.strip());
    }
    return new LoopbackCertificate(file);
  }

  /** The PKCS#12 file with the key and its certificate. */
  public Path keyStore() {
    return keyStore;
  }

  /** The key store's password. */
  public String password() {
    return PASSWORD;
  }

  /** A trust manager that trusts this certificate only. */
  public X509TrustManager trustManager() {
    return trustManager;
  }

  /** Client sockets that trust this certificate only. */
  public SSLSocketFactory clientSockets() {
    return clientSockets;
  }

  /** JVM options that make a whole Java process (its default trust store) trust this certificate only. */
  public List<String> jvmTrustOptions() {
    return List.of("-Djavax.net.ssl.trustStore=" + keyStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
        "-Djavax.net.ssl.trustStoreType=PKCS12");
  }
}
