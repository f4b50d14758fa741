package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.SeedOptions;
import io.github.flickrbackup.SeedResult;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.StoreException;
import io.github.flickrbackup.internal.catalog.Catalog;
import io.github.flickrbackup.internal.catalog.Catalog.AlbumRow;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.internal.export.ExportArchive;
import io.github.flickrbackup.internal.export.ExportMetadata;
import io.github.flickrbackup.internal.export.ExportMetadata.ExportAlbum;
import io.github.flickrbackup.internal.export.MediaNames;
import io.github.flickrbackup.internal.plan.Failures.StoreIo;
import io.github.flickrbackup.internal.plan.Fetcher.Fetched;
import io.github.flickrbackup.internal.plan.Listed.AlbumFolder;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StorePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Seeds a destination from Flickr's data export (issue 11; rules in {@code docs/seeding.md}).
 * Two passes over the archives: the first finds the metadata (entry names and
 * {@code albums.json}; item JSON is read later, one at a time), the second streams each media
 * entry straight into the store's pending write at the item's place (computed by
 * {@link ItemPaths}, as a run computes it), and the {@link Writer} commits it and writes the
 * {@code .txt} and the album copies, as for a download. Rows are recorded in batches after
 * the batch's files are durable, as the {@link ItemRecorder} does, marked "from export".
 */
public final class Seeder {
  /** Items recorded per catalog transaction (after one sync of their folders). */
  private static final int BATCH = 256;

  private final SeedOptions options;
  private final MediaStore store;
  private final Catalog catalog;
  private final Writer writer;
  private final Instant exportDate;
  private final List<Writer.Written> batch = new ArrayList<>();
  private int seeded;
  private long bytes;

  private Seeder(SeedOptions options, MediaStore store, Catalog catalog, Instant exportDate) {
    this.options = options;
    this.store = store;
    this.catalog = catalog;
    this.exportDate = exportDate;
    this.writer = new Writer(new ExportUrls(), store, List.of(MetadataWriters.ini()), options.storeOnce(), false);
  }

  /**
   * Seeds a destination.
   *
   * @param options what and where
   * @return what was done
   * @throws BackupException if the export cannot be read or the destination written
   */
  public static SeedResult seed(SeedOptions options) throws BackupException {
    Instant started = Instant.now();
    List<ExportArchive> archives = new ArrayList<>();
    try {
      List<ExportArchive.Entry> entries = new ArrayList<>();
      for (var p : options.exports()) {
        ExportArchive a = ExportArchive.open(p);
        archives.add(a);
        entries.addAll(a.entries());
      }
      ExportMetadata meta = ExportMetadata.read(entries);
      if (meta.ids().isEmpty()) {
        throw new BackupException("no photo_<id>.json found in " + options.exports() + ": give the export's"
            + " metadata zip (named like 12345678_abcdef12_part1.zip) as well as its media zips");
      }
      Instant date = options.exportDate().orElseGet(() -> meta.earliestJson()
          .map(t -> t.minus(Duration.ofDays(1))).orElse(null));
      if (date == null) {
        throw new BackupException("the export's files carry no dates, so its date is unknown: give it"
            + " (--export-date YYYY-MM-DD, or SeedOptions.exportDate)");
      }
      var destination = options.destination();
      try (RunContext run = RunContext.openForRun(destination.resolve(".flickrbackup"), null, destination)) {
        Seeder s = new Seeder(options, run.store().orElseThrow(), run.catalog(), date);
        // A "seed" row in runs: a killed seed leaves it unfinished, so the next run searches
        // every folder for the .part files it left (plain runs continue only own/favorites rows).
        long runId = run.catalog().runStarted(started, "seed", null);
        SeedResult result = s.seed(meta, entries, started);
        run.catalog().runFinished(runId, Instant.now(), null, 0, result.bytes(), "complete");
        return result;
      } catch (SQLException e) {
        throw Failures.catalogFailure(destination.resolve(".flickrbackup"), e);
      }
    } catch (StoreIo e) {
      throw new StoreException("cannot write the destination: " + e.io().getMessage(), e.io());
    } catch (IOException e) {
      throw new BackupException("cannot read the export: " + e.getMessage(), e);
    } finally {
      for (ExportArchive a : archives) {
        try {
          a.close();
        } catch (IOException ignored) {
          // read-only
        }
      }
    }
  }

  private SeedResult seed(ExportMetadata meta, List<ExportArchive.Entry> entries, Instant started)
      throws IOException, SQLException, BackupException {
    AlbumFolders albums = albums(meta);
    List<PhotoId> present = new ArrayList<>();
    List<SeedResult.Unmatched> unmatched = new ArrayList<>();
    Map<String, String> placedFrom = new HashMap<>();
    for (ExportArchive.Entry e : entries) {
      MediaNames.Match m = MediaNames.match(e.fileName(), meta::has);
      if (m instanceof MediaNames.NotMedia) {
        continue;
      }
      if (m instanceof MediaNames.NoId) {
        unmatched.add(new SeedResult.Unmatched(e.location(), "no photo_<id>.json of the export matches its name"));
        continue;
      }
      if (m instanceof MediaNames.Ambiguous a) {
        unmatched.add(new SeedResult.Unmatched(e.location(), "its name matches several ids: " + a.ids()));
        continue;
      }
      String id = ((MediaNames.Matched) m).id();
      String earlier = placedFrom.putIfAbsent(id, e.location());
      if (earlier != null) {
        unmatched.add(new SeedResult.Unmatched(e.location(), "a second file for " + id + " (the first, "
            + earlier + ", was used)"));
        continue;
      }
      if (catalog.item(id).isPresent()) {
        present.add(PhotoId.of(id));
        continue;
      }
      String refused = place(meta, id, e, albums, present);
      if (refused != null) {
        placedFrom.remove(id);
        unmatched.add(new SeedResult.Unmatched(e.location(), refused));
      }
    }
    flush();
    List<PhotoId> withoutMedia = new ArrayList<>();
    for (String id : meta.ids()) {
      if (!placedFrom.containsKey(id)) {
        withoutMedia.add(PhotoId.of(id));
      }
    }
    return new SeedResult(seeded, bytes, exportDate, present, withoutMedia, unmatched,
        Duration.between(started, Instant.now()));
  }

  /**
   * Streams one media entry into place.
   *
   * @return null when placed (or already present, then added to {@code present}); else why not
   */
  private String place(ExportMetadata meta, String id, ExportArchive.Entry e, AlbumFolders albums,
      List<PhotoId> present) throws IOException, SQLException, BackupException {
    try (InputStream in = e.open()) {
      byte[] head = in.readNBytes(Sniffer.HEAD);
      String sniffed = Sniffer.sniff(head, head.length).orElse("");
      MediaKind kind;
      String ext;
      if (Sniffer.isPhoto(sniffed)) {
        kind = MediaKind.PHOTO;
        ext = Sniffer.photoExtension(Sniffer.extensionOf(e.fileName()), sniffed);
      } else if (Sniffer.isVideo(sniffed)) {
        kind = MediaKind.VIDEO;
        ext = Sniffer.videoExtension(Optional.of(e.fileName()), "", sniffed);
      } else {
        return "its bytes are not a photo or video this tool recognises";
      }
      RemoteItem item = meta.item(id, kind, kind == MediaKind.PHOTO ? ext : "", Instant.EPOCH);
      Listed listed = new Listed(item, albums.of(id));
      ItemPaths paths = ItemPaths.of(listed, ext, options.storeOnce());
      if (store.stat(paths.home()).isPresent()) {
        present.add(item.id()); // never overwrite a file already in place
        return null;
      }
      PendingWrite w;
      try {
        w = store.create(paths.home());
      } catch (IOException ex) {
        throw new StoreIo(ex);
      }
      MessageDigest md = Sha256.digest();
      long size;
      try {
        OutputStream out = w.stream();
        write(out, head, head.length);
        md.update(head);
        size = head.length;
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
          write(out, buf, n);
          md.update(buf, 0, n);
          size += n;
        }
      } catch (IOException | RuntimeException ex) {
        w.close();
        throw ex;
      }
      Writer.Written written;
      try (Fetched fetched = new Fetched(w, paths.home(), ext, size, Sha256.hex(md), null, false)) {
        written = writer.place(new Action.Fetch(listed, null), fetched);
      } catch (SourceException ex) {
        throw new IllegalStateException("the export's URLs need no source", ex);
      }
      ItemRow r = written.change().row();
      ItemRow seededRow = new ItemRow(r.id(), 0, SeedCheck.EXPORTED + Optional.ofNullable(item.originalUrl())
          .map(URI::toString).orElse(""), r.media(), r.ext(), r.size(), r.sha256(), r.primaryPath(), "done", 0, null,
          false, null);
      batch.add(new Writer.Written(new Catalog.Done(seededRow, written.change().albumPaths()), written.files(),
          written.outcome(), written.bytes()));
      seeded++;
      bytes += size;
      if (batch.size() >= BATCH) {
        flush();
      }
      return null;
    }
  }

  private static void write(OutputStream out, byte[] b, int n) {
    try {
      out.write(b, 0, n);
    } catch (IOException e) {
      throw new StoreIo(e);
    }
  }

  /** Makes the batch's files durable by name, then records its rows in one transaction. */
  private void flush() throws IOException, SQLException {
    if (batch.isEmpty()) {
      return;
    }
    if (store.features().durable()) {
      Set<StorePath> files = new HashSet<>();
      batch.forEach(w -> files.addAll(w.files()));
      try {
        store.sync(files);
      } catch (IOException e) {
        throw new StoreIo(e);
      }
    }
    catalog.seed(batch.stream().map(Writer.Written::change).toList(), exportDate);
    batch.clear();
  }

  /**
   * The export's albums with folders, as a run assigns them. A catalog without albums gets the
   * export's, with an unknown update date, so that the next run lists every album's members.
   */
  private AlbumFolders albums(ExportMetadata meta) throws SQLException {
    List<Album> list = meta.albums().stream().map(ExportAlbum::album).toList();
    Map<String, AlbumRow> stored = catalog.albums();
    List<AlbumFolder> folders = AlbumFolders.assign(list, stored);
    Map<String, List<String>> byItem = new LinkedHashMap<>();
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (ExportAlbum a : meta.albums()) {
      members.put(a.album().id(), a.photoIds());
      for (String item : a.photoIds()) {
        byItem.computeIfAbsent(item, k -> new ArrayList<>()).add(a.album().id());
      }
    }
    if (stored.isEmpty() && !folders.isEmpty()) {
      List<AlbumRow> rows = new ArrayList<>();
      for (AlbumFolder f : folders) {
        rows.add(new AlbumRow(f.album().id(), f.album().title(), f.folder(), -1));
      }
      catalog.replaceAlbums(rows, members);
    }
    return AlbumFolders.of(folders, byItem);
  }

  /**
   * The one thing the writer asks a source: the URL a file came from, for the {@code .txt}.
   * For a seeded item that is the export's {@code original} URL (the next run rewrites it).
   */
  private static final class ExportUrls implements PhotoSource {
    @Override
    public URI mediaUrl(RemoteItem item) {
      return item.originalUrl() != null ? item.originalUrl()
          : URI.create("https://www.flickr.com/photo.gne?id=" + item.id().value());
    }

    @Override
    public void listUpdated(Instant since, Consumer<? super RemoteItem> sink) {
      throw new UnsupportedOperationException("seeding lists nothing");
    }

    @Override
    public void listFavorites(Instant since, Consumer<? super RemoteItem> sink) {
      throw new UnsupportedOperationException("seeding lists nothing");
    }

    @Override
    public List<Album> albums() {
      throw new UnsupportedOperationException("seeding lists nothing");
    }

    @Override
    public void listAlbumMembers(Album album, Consumer<? super PhotoId> sink) {
      throw new UnsupportedOperationException("seeding lists nothing");
    }

    @Override
    public Optional<RemoteItem> item(PhotoId id) {
      throw new UnsupportedOperationException("seeding lists nothing");
    }

    @Override
    public List<String> albumIdsOf(PhotoId id) {
      throw new UnsupportedOperationException("seeding lists nothing");
    }

    @Override
    public MediaContent openMedia(RemoteItem item) {
      throw new UnsupportedOperationException("seeding downloads nothing");
    }

    @Override
    public long apiCalls() {
      return 0;
    }

    @Override
    public void close() {}
  }
}
