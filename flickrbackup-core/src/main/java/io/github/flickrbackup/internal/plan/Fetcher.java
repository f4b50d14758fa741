package io.github.flickrbackup.internal.plan;

import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.RetryPolicy;
import io.github.flickrbackup.SourceException;
import io.github.flickrbackup.internal.catalog.Catalog.ItemRow;
import io.github.flickrbackup.internal.layout.Layout;
import io.github.flickrbackup.internal.plan.Failures.CorruptMedia;
import io.github.flickrbackup.internal.plan.Failures.StoreIo;
import io.github.flickrbackup.internal.resilience.Resilience;
import io.github.flickrbackup.source.MediaContent;
import io.github.flickrbackup.source.MediaKind;
import io.github.flickrbackup.source.MediaVariant;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.RemoteItem;
import io.github.flickrbackup.store.MediaStore;
import io.github.flickrbackup.store.PendingWrite;
import io.github.flickrbackup.store.StorePath;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Stage 4: downloads an item's original into a pending write of the store. The first bytes
 * are sniffed before anything is written, so an HTML page or a poster image is never saved;
 * they decide the extension, and so the file's path. The body streams into the pending write
 * with its SHA-256 computed on the way; a length other than the announced one is refused.
 * A failed attempt (read error, wrong length, wrong bytes) is discarded and retried with
 * backoff as a whole ({@link io.github.flickrbackup.BackupPlan#downloadRetry()}); store
 * failures are never retried here. The source resolves video URLs afresh on every attempt,
 * and says when what it opened is a rendition rather than the original.
 */
final class Fetcher {
  /** Bytes read from the body before each write to the store: one write call per 64 KB. */
  private static final int BUFFER = 64 * 1024;

  private final PhotoSource source;
  private final MediaStore store;
  private final BackupListener listener;
  private final StartedItems started;
  private final RetryPolicy retry;
  /**
   * Buffers of finished downloads, for the next ones: one per fetch thread, instead of one
   * per item (on 20,000 items of 20 KB, new buffers were 1.2 GB of garbage).
   */
  private final Queue<byte[]> buffers = new ConcurrentLinkedQueue<>();

  Fetcher(PhotoSource source, MediaStore store, BackupListener listener, StartedItems started, RetryPolicy retry) {
    this.source = source;
    this.store = store;
    this.listener = listener;
    this.started = started;
    this.retry = retry;
  }

  /**
   * A downloaded original (or rendition), complete and hashed, not yet visible: the writer
   * commits it. Closing it without a commit discards it. A {@code kept} one downloaded
   * nothing: the rendition on disk is still the best Flickr offers.
   *
   * @param write the pending write holding the bytes; null when kept
   * @param path where it goes (its extension decided by the bytes)
   * @param ext the extension
   * @param size bytes received (kept: the file on disk)
   * @param sha256 their SHA-256, hex
   * @param substitute what it holds instead of the original, or null for the original
   * @param kept whether the rendition on disk stands and nothing was downloaded
   */
  record Fetched(PendingWrite write, StorePath path, String ext, long size, String sha256, MediaVariant substitute,
      boolean kept) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      if (write != null) {
        write.close();
      }
    }
  }

  /**
   * @param item the item
   * @param folder its home folder, or {@code null} for an item in no album
   * @param renditionOnDisk the row of a rendition on disk that may be kept, or null
   */
  Fetched fetch(RemoteItem item, String folder, ItemRow renditionOnDisk) throws SourceException, IOException {
    RetryConfig config = RetryConfig.custom()
        .maxAttempts(retry.maxAttempts())
        .intervalFunction(Resilience.backoff(retry))
        .retryOnException(e -> e instanceof IOException)
        .build();
    Retry r = Retry.of("download-" + item.id(), config);
    r.getEventPublisher().onRetry(e -> listener.retrying("download " + item.id(),
        e.getNumberOfRetryAttempts(), e.getWaitInterval(), e.getLastThrowable()));
    try {
      return r.executeCheckedSupplier(() -> fetchOnce(item, folder, renditionOnDisk));
    } catch (SourceException | IOException | RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("download of " + item.id() + " failed: " + t, t);
    }
  }

  private Fetched fetchOnce(RemoteItem item, String folder, ItemRow renditionOnDisk)
      throws SourceException, IOException {
    try (MediaContent media = source.openMedia(item)) {
      started.start(item.id(), media.length().orElse(-1));
      MediaVariant substitute = media.substitute().orElse(null);
      ItemRow old = renditionOnDisk;
      if (old != null && substitute != null && substitute.label().equals(old.rendition())
          && media.length().orElse(old.size()) == old.size()) {
        // Still no original, and the same rendition: the file on disk stands; the body is not read.
        return new Fetched(null, StorePath.parse(old.primaryPath()), old.ext(), old.size(), old.sha256(), substitute,
            true);
      }
      InputStream in = media.body();
      byte[] head = in.readNBytes(Sniffer.HEAD);
      if (head.length > 0) {
        listener.bytesReceived(item.id(), head.length);
      }
      String sniffed = Sniffer.sniff(head, head.length).orElse("");
      if (!Sniffer.matchesKind(item.media(), sniffed)) {
        throw new CorruptMedia("expected the original " + item.media().name().toLowerCase(Locale.ROOT) + " of "
            + item.id() + " but got " + (sniffed.isEmpty() ? "unrecognised bytes" : sniffed)
            + media.contentType().map(t -> " (" + t + ")").orElse("") + " from " + media.url().getHost());
      }
      String ext = item.media() == MediaKind.PHOTO
          ? Sniffer.photoExtension(item.originalFormat(), sniffed)
          : Sniffer.videoExtension(media.fileName(), media.url().getPath(), sniffed);
      StorePath path = Layout.mediaPath(folder, item, ext);
      PendingWrite w;
      try {
        w = store.create(path);
      } catch (IOException e) {
        throw new StoreIo(e);
      }
      boolean handedOn = false;
      byte[] buf = buffer();
      try {
        MessageDigest md = Sha256.digest();
        OutputStream out = w.stream();
        write(out, head, head.length);
        md.update(head);
        long total = head.length;
        int n;
        while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
          write(out, buf, n);
          md.update(buf, 0, n);
          total += n;
          listener.bytesReceived(item.id(), n);
        }
        if (media.length().isPresent() && media.length().getAsLong() != total) {
          throw new CorruptMedia("item " + item.id() + ": received " + total + " bytes, announced "
              + media.length().getAsLong());
        }
        handedOn = true;
        return new Fetched(w, path, ext, total, Sha256.hex(md), substitute, false);
      } finally {
        buffers.offer(buf);
        if (!handedOn) {
          w.close();
        }
      }
    }
  }

  private byte[] buffer() {
    byte[] b = buffers.poll();
    return b != null ? b : new byte[BUFFER];
  }

  private static void write(OutputStream out, byte[] b, int n) {
    try {
      out.write(b, 0, n);
    } catch (IOException e) {
      throw new StoreIo(e);
    }
  }
}
