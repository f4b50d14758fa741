package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.ItemWarning;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.WarningKind;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.internal.plan.Failures.StoreIo;
import io.github.flickrbackup.internal.plan.Fetcher.Fetched;
import io.github.flickrbackup.metadata.ItemRecord;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.source.MediaVariant;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StorePath;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stage 5: puts an item's files in place. A fetched original is committed (atomically: its
 * content is synced, then renamed into place); a current one is re-linked from its old home
 * when its home moved. Then the metadata files are written next to it, atomically too, and
 * the media and metadata are linked into each further album (copied where the file system
 * cannot link, or with {@code forceCopies}). A file that holds a rendition instead of the
 * original says so in its metadata and its catalog row. Folder syncs are left to the
 * recorder's batch: the result names every file written, so the recorder can make their names
 * durable before it records the item, and the files of a replaced rendition that the new ones
 * did not overwrite, which the recorder deletes once the item is recorded.
 */
final class Writer {
  private final PhotoSource source;
  private final MediaStore store;
  private final List<MetadataWriter> writers;
  private final boolean storeOnce;
  private final boolean forceCopies;

  /**
   * An item whose files are in place (not yet durable by name): what the recorder records.
   *
   * @param change the catalog row and album paths to record
   * @param files every file written or linked, for the batch's folder sync
   * @param outcome what was done
   * @param bytes media bytes downloaded
   * @param warning a warning about the item (its file is not the original), or null
   * @param obsolete files of a replaced rendition to delete once the item is recorded
   */
  record Written(Catalog.Done change, List<StorePath> files, ItemOutcome outcome, long bytes, ItemWarning warning,
      List<StorePath> obsolete) {
    Written {
      files = List.copyOf(files);
      obsolete = List.copyOf(obsolete);
    }

    Written(Catalog.Done change, List<StorePath> files, ItemOutcome outcome, long bytes) {
      this(change, files, outcome, bytes, null, List.of());
    }
  }

  /**
   * The warning for an item saved from a rendition.
   *
   * @return the warning, or null when {@code substitute} is null
   */
  static ItemWarning notOriginal(PhotoId id, MediaVariant substitute) {
    return substitute == null ? null : new ItemWarning(id, WarningKind.NOT_ORIGINAL,
        "Flickr offers no original of this video; its largest rendition, '" + substitute.label()
            + "', is saved instead");
  }

  Writer(PhotoSource source, MediaStore store, List<MetadataWriter> writers, boolean storeOnce, boolean forceCopies) {
    this.source = source;
    this.store = store;
    this.writers = List.copyOf(writers);
    this.storeOnce = storeOnce;
    this.forceCopies = forceCopies;
  }

  /** Places a fetched original (or rendition) and everything around it. */
  Written place(Action.Fetch action, Fetched fetched) throws SourceException {
    Listed listed = action.listed();
    MediaVariant substitute = fetched.substitute();
    URI mediaUrl = substitute != null ? substitute.url() : source.mediaUrl(listed.item());
    ItemPaths paths = ItemPaths.of(listed, fetched.ext(), storeOnce);
    try {
      fetched.write().commit();
    } catch (IOException e) {
      throw new StoreIo(e);
    }
    writeMetadataAndCopies(listed, paths, mediaUrl, substitute);
    return written(listed, paths, fetched.ext(), fetched.size(), fetched.sha256(), substitute, action.outcome(),
        fetched.size(), obsoleteRendition(action, paths));
  }

  /** Rewrites metadata and links of an item whose media file stays as it is. */
  Written refresh(Action.Refresh action) throws SourceException {
    Listed listed = action.listed();
    ItemRow previous = action.previous();
    MediaVariant substitute = action.substitute();
    URI mediaUrl = substitute != null ? substitute.url() : source.mediaUrl(listed.item());
    ItemPaths paths = action.paths();
    if (action.moved()) {
      StorePath old = StorePath.parse(previous.primaryPath());
      if (exists(old)) {
        link(old, paths.home(), false);
      }
    }
    writeMetadataAndCopies(listed, paths, mediaUrl, substitute);
    return written(listed, paths, previous.ext(), previous.size(), previous.sha256(), substitute, action.outcome(),
        0, List.of());
  }

  /** The files of a replaced rendition that the new files did not overwrite: media and metadata. */
  private List<StorePath> obsoleteRendition(Action.Fetch action, ItemPaths now) {
    ItemRow previous = action.previous();
    if (previous == null || previous.rendition() == null) {
      return List.of();
    }
    Set<String> old = new LinkedHashSet<>();
    old.add(previous.primaryPath());
    old.addAll(action.previousPaths().values());
    old.removeAll(now.membership().values());
    old.remove(now.home().toString());
    List<StorePath> files = new ArrayList<>();
    for (String p : old) {
      StorePath media = StorePath.parse(p);
      files.add(media);
      for (MetadataWriter w : writers) {
        files.add(ItemPaths.metadataOf(media, w));
      }
    }
    // A writer that replaces the extension (ID.xmp) names the old file as the new one: keep it.
    files.removeAll(now.files(writers));
    return files;
  }

  private void writeMetadataAndCopies(Listed listed, ItemPaths paths, URI mediaUrl, MediaVariant substitute) {
    ItemRecord record = new ItemRecord(listed.item(), listed.albums().stream().map(Listed.AlbumFolder::album).toList(),
        mediaUrl, paths.home().fileName(), substitute);
    for (MetadataWriter w : writers) {
      writeFile(ItemPaths.metadataOf(paths.home(), w), w.render(record));
    }
    for (StorePath copy : paths.copies().values()) {
      link(paths.home(), copy, forceCopies);
      for (MetadataWriter w : writers) {
        link(ItemPaths.metadataOf(paths.home(), w), ItemPaths.metadataOf(copy, w), forceCopies);
      }
    }
  }

  private Written written(Listed listed, ItemPaths paths, String ext, long size, String sha, MediaVariant substitute,
      ItemOutcome outcome, long bytes, List<StorePath> obsolete) {
    RemoteItem item = listed.item();
    ItemRow row = new ItemRow(listed.id(), item.lastUpdate().getEpochSecond(), item.originalSecret(),
        item.media().name().toLowerCase(Locale.ROOT), ext, size, sha, paths.home().toString(), "done", 0, null, false,
        substitute == null ? null : substitute.label());
    return new Written(new Catalog.Done(row, paths.membership()), paths.files(writers), outcome, bytes,
        notOriginal(item.id(), substitute), obsolete);
  }

  private boolean exists(StorePath path) {
    try {
      return store.stat(path).isPresent();
    } catch (IOException e) {
      throw new StoreIo(e);
    }
  }

  private void writeFile(StorePath path, byte[] content) {
    try (PendingWrite w = store.create(path)) {
      w.stream().write(content);
      w.commit();
    } catch (IOException e) {
      throw new StoreIo(e);
    }
  }

  private void link(StorePath from, StorePath to, boolean copy) {
    try {
      // A store without hard links is asked for what it offers: a copy.
      store.link(from, to, copy || !store.features().hardLinks());
    } catch (IOException e) {
      throw new StoreIo(e);
    }
  }
}
