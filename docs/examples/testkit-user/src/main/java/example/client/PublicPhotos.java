package example.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A small client for an account's public photos on Flickr: lists them with
 * {@code flickr.people.getPhotos} (an API key is enough, no OAuth) and downloads originals.
 * Server errors and dropped connections are tried again a few times; Flickr's own error
 * answers ({@code stat="fail"}) are reported at once as a {@link FlickrError}.
 */
public final class PublicPhotos {
  /** A listed photo. */
  public record Photo(String id, String title, Instant lastUpdate, URI original, String format) {
    public Photo {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(original, "original");
    }
  }

  /** Flickr answered {@code stat="fail"}. */
  public static final class FlickrError extends IOException {
    private static final long serialVersionUID = 1L;
    private final int code;

    FlickrError(int code, String message) {
      super("Flickr error " + code + ": " + message);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  private static final int ATTEMPTS = 3;

  private final OkHttpClient http;
  private final HttpUrl rest;
  private final String apiKey;
  private final int pageSize;
  private final Duration backoff;

  /**
   * @param http the HTTP client
   * @param rest the REST endpoint, e.g. {@code https://api.flickr.com/services/rest/}
   * @param apiKey an API key
   * @param pageSize photos per listing page, 1 to 500
   * @param backoff the wait before the second attempt (doubled for the third)
   */
  public PublicPhotos(OkHttpClient http, URI rest, String apiKey, int pageSize, Duration backoff) {
    this.http = Objects.requireNonNull(http, "http");
    this.rest = Objects.requireNonNull(HttpUrl.get(rest.toString()), "rest");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    if (pageSize < 1 || pageSize > 500) {
      throw new IllegalArgumentException("pageSize must be 1 to 500: " + pageSize);
    }
    this.pageSize = pageSize;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  /** Every public photo of the user, page by page, in Flickr's order. */
  public List<Photo> list(String userId) throws IOException {
    List<Photo> photos = new ArrayList<>();
    int pages = 1;
    for (int page = 1; page <= pages; page++) {
      HttpUrl url = rest.newBuilder()
          .addQueryParameter("method", "flickr.people.getPhotos")
          .addQueryParameter("api_key", apiKey)
          .addQueryParameter("user_id", userId)
          .addQueryParameter("extras", "url_o,original_format,last_update")
          .addQueryParameter("per_page", String.valueOf(pageSize))
          .addQueryParameter("page", String.valueOf(page))
          .build();
      Element rsp = call(url);
      Element list = (Element) rsp.getElementsByTagName("photos").item(0);
      pages = Integer.parseInt(list.getAttribute("pages"));
      NodeList items = list.getElementsByTagName("photo");
      for (int i = 0; i < items.getLength(); i++) {
        Element p = (Element) items.item(i);
        if (p.getAttribute("url_o").isEmpty()) {
          continue; // the owner does not share the original
        }
        photos.add(new Photo(p.getAttribute("id"), p.getAttribute("title"),
            Instant.ofEpochSecond(Long.parseLong(p.getAttribute("lastupdate"))),
            URI.create(p.getAttribute("url_o")), p.getAttribute("originalformat")));
      }
    }
    return photos;
  }

  /** Downloads the original into {@code folder/ID.FORMAT}, replacing it only once complete. */
  public Path download(Photo photo, Path folder) throws IOException {
    Path target = folder.resolve(photo.id() + "." + photo.format());
    return withRetries(() -> {
      Path part = Files.createTempFile(folder, "." + photo.id(), ".part");
      try (Response r = http.newCall(new Request.Builder().url(photo.original().toString()).build()).execute()) {
        if (!r.isSuccessful() && r.code() < 500) {
          throw new Refused("HTTP " + r.code() + " for " + photo.original());
        }
        if (!r.isSuccessful()) {
          throw new IOException("HTTP " + r.code() + " for " + photo.original());
        }
        try (InputStream in = r.body().byteStream()) {
          Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        }
        long announced = r.body().contentLength();
        if (announced >= 0 && Files.size(part) != announced) {
          throw new IOException("short body for " + photo.id() + ": " + Files.size(part) + " of " + announced);
        }
        return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(part);
      }
    });
  }

  private Element call(HttpUrl url) throws IOException {
    return withRetries(() -> {
      try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
        if (!r.isSuccessful() && r.code() < 500 && r.code() != 429) {
          throw new Refused("HTTP " + r.code() + " from " + url.queryParameter("method"));
        }
        if (!r.isSuccessful()) {
          throw new IOException("HTTP " + r.code() + " from " + url.queryParameter("method"));
        }
        Element rsp = parse(r.body().byteStream()).getDocumentElement();
        if (!"ok".equals(rsp.getAttribute("stat"))) {
          Element err = (Element) rsp.getElementsByTagName("err").item(0);
          throw new FlickrError(err == null ? 0 : Integer.parseInt(err.getAttribute("code")),
              err == null ? "no error element" : err.getAttribute("msg"));
        }
        return rsp;
      }
    });
  }

  /** The server refused the request (HTTP 4xx): asking again will not help. */
  private static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private interface Attempt<T> {
    T run() throws IOException;
  }

  private <T> T withRetries(Attempt<T> attempt) throws IOException {
    Duration wait = backoff;
    for (int n = 1; ; n++) {
      try {
        return attempt.run();
      } catch (FlickrError | Refused e) {
        throw e; // Flickr said no; asking again will not change that
      } catch (IOException e) {
        // A server error, a short body, or a connection that broke or timed out: worth another try.
        if (n == ATTEMPTS) {
          throw e;
        }
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      wait = wait.multipliedBy(2);
    }
  }

  private static Document parse(InputStream in) throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(in);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("Flickr's answer is not XML: " + e.getMessage(), e);
    }
  }
}
