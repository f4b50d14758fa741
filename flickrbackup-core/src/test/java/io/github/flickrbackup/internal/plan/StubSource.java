package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An in-memory {@link PhotoSource} for the stage tests: a listing, albums with members, and
 * media bytes by id. Tests override single methods to inject behaviour.
 */
class StubSource implements PhotoSource {
  final List<RemoteItem> listing = new ArrayList<>();
  final List<Album> albums = new ArrayList<>();
  final Map<String, List<String>> members = new LinkedHashMap<>();
  final Map<String, byte[]> media = new LinkedHashMap<>();
  final AtomicLong calls = new AtomicLong();

  static RemoteItem photo(String id, long lastUpdate, String originalSecret) {
    return RemoteItem.builder(PhotoId.of(id), MediaKind.PHOTO)
        .title("photo " + id)
        .dateTaken("2012-02-28 14:03:10")
        .lastUpdate(Instant.ofEpochSecond(lastUpdate))
        .originalSecret(originalSecret)
        .originalFormat("jpg")
        .originalUrl(URI.create("https://live.staticflickr.com/1/" + id + "_" + originalSecret + "_o.jpg"))
        .build();
  }

  static Album album(String id, String title, long dateUpdate) {
    return new Album(id, title, "", Instant.ofEpochSecond(dateUpdate), 1, 0);
  }

  /** Bytes that sniff as a JPEG. */
  static byte[] jpeg(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    b[0] = (byte) 0xff;
    b[1] = (byte) 0xd8;
    b[2] = (byte) 0xff;
    return b;
  }

  static MediaContent content(byte[] bytes, OptionalLong announced) {
    InputStream body = new ByteArrayInputStream(bytes);
    return new MediaContent() {
      @Override
      public InputStream body() {
        return body;
      }

      @Override
      public OptionalLong length() {
        return announced;
      }

      @Override
      public Optional<String> contentType() {
        return Optional.of("image/jpeg");
      }

      @Override
      public Optional<String> fileName() {
        return Optional.empty();
      }

      @Override
      public URI url() {
        return URI.create("https://live.staticflickr.com/1/x_o.jpg");
      }

      @Override
      public void close() {}
    };
  }

  StubSource item(RemoteItem item, byte[] bytes, String... albumIds) {
    listing.add(item);
    media.put(item.id().value(), bytes);
    for (String a : albumIds) {
      members.computeIfAbsent(a, k -> new ArrayList<>()).add(item.id().value());
    }
    return this;
  }

  @Override
  public void listUpdated(Instant since, Consumer<? super RemoteItem> sink) throws SourceException {
    calls.incrementAndGet();
    for (RemoteItem i : List.copyOf(listing)) {
      if (!i.lastUpdate().isBefore(since)) {
        sink.accept(i);
      }
    }
  }

  @Override
  public void listFavorites(Instant since, Consumer<? super RemoteItem> sink) throws SourceException {
    calls.incrementAndGet();
  }

  @Override
  public List<Album> albums() throws SourceException {
    calls.incrementAndGet();
    return List.copyOf(albums);
  }

  @Override
  public void listAlbumMembers(Album album, Consumer<? super PhotoId> sink) throws SourceException {
    calls.incrementAndGet();
    for (String id : members.getOrDefault(album.id(), List.of())) {
      sink.accept(PhotoId.of(id));
    }
  }

  @Override
  public Optional<RemoteItem> item(PhotoId id) throws SourceException {
    calls.incrementAndGet();
    return listing.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  @Override
  public List<String> albumIdsOf(PhotoId id) throws SourceException {
    calls.incrementAndGet();
    List<String> out = new ArrayList<>();
    for (Album a : albums) {
      if (members.getOrDefault(a.id(), List.of()).contains(id.value())) {
        out.add(a.id());
      }
    }
    return out;
  }

  @Override
  public URI mediaUrl(RemoteItem item) {
    return item.originalUrl();
  }

  @Override
  public MediaContent openMedia(RemoteItem item) throws SourceException {
    byte[] bytes = media.get(item.id().value());
    if (bytes == null) {
      throw new SourceException("no media for " + item.id());
    }
    return content(bytes, OptionalLong.of(bytes.length));
  }

  @Override
  public long apiCalls() {
    return calls.get();
  }
}
