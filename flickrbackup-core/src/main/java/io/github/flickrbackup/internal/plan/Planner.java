package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.source.MediaVariant;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.StorePath;
import io.github.flickrbackup.store.StoredFile;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Stage 3: compares a listed item with its catalog row (and the files the row names) and
 * decides what to do: {@link Action.Fetch} for a new item, a pending one, a new original or
 * a local file that is missing or of the wrong size (or sha256, with {@code verifyFiles}), and
 * a video saved from a rendition (to ask whether the original is offered now);
 * {@link Action.Refresh} when only metadata, album membership or paths changed, or a
 * metadata file is missing; {@link Action.Skip} otherwise. It reads, never writes.
 */
final class Planner {
  private final Catalog catalog;
  private final MediaStore store;
  private final List<MetadataWriter> writers;
  private final Options options;
  private final SeedCheck seeds;

  /**
   * The plan's switches that change decisions.
   *
   * @param storeOnce no copies in further albums
   * @param keepExisting keep any existing media file, even a changed one
   * @param verifyFiles re-hash local media and fetch again what no longer matches
   * @param dryRun decide fetches only; everything else counts as unchanged
   */
  record Options(boolean storeOnce, boolean keepExisting, boolean verifyFiles, boolean dryRun) {}

  /**
   * @param store the store, or {@code null} in a dry run into a destination that does not exist
   */
  Planner(Catalog catalog, MediaStore store, List<MetadataWriter> writers, Options options) {
    this(catalog, store, writers, options, new SeedCheck(catalog, store));
  }

  /** @param seeds the rule for items seeded from Flickr's data export */
  Planner(Catalog catalog, MediaStore store, List<MetadataWriter> writers, Options options, SeedCheck seeds) {
    this.catalog = catalog;
    this.store = store;
    this.writers = List.copyOf(writers);
    this.options = options;
    this.seeds = seeds;
  }

  Action plan(Listed listed) throws IOException, SQLException {
    RemoteItem item = listed.item();
    ItemRow row = catalog.item(listed.id()).orElse(null);
    if (SeedCheck.seeded(row)) {
      // Seeded from Flickr's export: checked against the listing once (SeedCheck's rules).
      return seeds.fetch(item, row) ? new Action.Fetch(listed, row)
          : options.dryRun() ? new Action.Skip(listed) : current(listed, row, null);
    }
    if (needsFetch(row, item)) {
      // A new download may leave files of a rendition it replaces to delete.
      return row != null && row.rendition() != null
          ? new Action.Fetch(listed, row, false, catalog.memberships(listed.id()))
          : new Action.Fetch(listed, row);
    }
    if (row.rendition() != null) {
      // A rendition stands in for the original: ask whether Flickr offers the original now,
      // even with keepExisting, as the file is not what was asked for.
      return new Action.Fetch(listed, row, true, catalog.memberships(listed.id()));
    }
    if (options.dryRun()) {
      return new Action.Skip(listed);
    }
    return current(listed, row, null);
  }

  /**
   * Decides for an item whose media file stays as it is: {@link Action.Refresh} if its
   * metadata, paths or links changed, else {@link Action.Skip}.
   *
   * @param row its catalog row
   * @param substitute what the file holds instead of the original, or null for the original
   */
  Action current(Listed listed, ItemRow row, MediaVariant substitute) throws IOException, SQLException {
    RemoteItem item = listed.item();
    ItemPaths paths = ItemPaths.of(listed, row.ext(), options.storeOnce());
    boolean moved = !paths.home().toString().equals(row.primaryPath());
    Map<String, String> recorded = catalog.memberships(listed.id());
    boolean copiesChanged = false;
    for (Map.Entry<String, StorePath> copy : paths.copies().entrySet()) {
      if (!copy.getValue().toString().equals(recorded.get(copy.getKey())) || store.stat(copy.getValue()).isEmpty()) {
        copiesChanged = true;
      }
    }
    boolean changed = moved || copiesChanged
        || row.lastUpdate() != item.lastUpdate().getEpochSecond()
        || !paths.membership().equals(recorded)
        || !row.originalSecret().equals(item.originalSecret())
        || !Objects.equals(row.rendition(), substitute == null ? null : substitute.label());
    if (changed || missingMetadata(paths.home())) {
      return new Action.Refresh(listed, row, paths, moved, substitute);
    }
    return new Action.Skip(listed, substitute);
  }

  private boolean needsFetch(ItemRow row, RemoteItem item) throws IOException {
    if (row == null || !row.done() || row.primaryPath() == null || row.ext() == null) {
      return true;
    }
    if (!sameOriginal(row, item)) {
      return true;
    }
    StorePath home = StorePath.parse(row.primaryPath());
    Optional<StoredFile> local = store == null ? Optional.empty() : store.stat(home);
    if (options.keepExisting() && local.isPresent()) {
      return false;
    }
    return local.isEmpty() || local.get().size() != row.size()
        || (options.verifyFiles() && !row.sha256().equals(Sha256.of(store, home)));
  }

  /** The same original: same secret, or an adopted file whose recorded URL names the secret. */
  static boolean sameOriginal(ItemRow row, RemoteItem item) {
    if (row.originalSecret().equals(item.originalSecret())) {
      return true;
    }
    return row.originalSecret().startsWith(Adoption.ADOPTED) && !item.originalSecret().isEmpty()
        && row.originalSecret().contains(item.originalSecret());
  }

  private boolean missingMetadata(StorePath media) throws IOException {
    for (MetadataWriter w : writers) {
      if (store.stat(ItemPaths.metadataOf(media, w)).isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
