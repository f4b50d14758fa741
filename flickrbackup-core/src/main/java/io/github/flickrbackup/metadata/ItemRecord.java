package io.github.flickrbackup.metadata;

import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.RemoteItem;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link MetadataWriter} writes about one item.
 *
 * <pre>{@code
 * byte[] ini = MetadataWriters.ini().render(new ItemRecord(item, albums, url, "1001.jpg"));
 * }</pre>
 *
 * @param item the item as Flickr listed it
 * @param albums the albums it belongs to, primary first
 * @param mediaUrl the URL its media was (or would be) fetched from
 * @param mediaFileName the media file's name, e.g. {@code 1001.jpg}
 */
public record ItemRecord(RemoteItem item, List<Album> albums, URI mediaUrl, String mediaFileName) {
  /**
   * Validates the record.
   *
   * @param item the item as Flickr listed it
   * @param albums the albums it belongs to, primary first
   * @param mediaUrl the URL its media was (or would be) fetched from
   * @param mediaFileName the media file's name, e.g. {@code 1001.jpg}
   */
  public ItemRecord {
    Objects.requireNonNull(item, "item");
    albums = List.copyOf(albums);
    Objects.requireNonNull(mediaUrl, "mediaUrl");
    Objects.requireNonNull(mediaFileName, "mediaFileName");
  }
}
