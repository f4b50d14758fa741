package io.github.flickrbackup.internal.catalog;

import io.github.flickrbackup.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The destination's lock, {@code lock} in the state folder beside the catalog: a run and a
 * verify hold it while they use the destination, so that two never work on one backup at once.
 * It is an OS file lock, released when this closes or the process ends (even by SIGKILL).
 */
public final class DestinationLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DestinationLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock.
   *
   * @param state the state folder
   * @return the held lock
   * @throws IOException if the lock file cannot be opened or locked
   * @throws StoreException if another run holds it (in this process or another)
   */
  public static DestinationLock take(Path state) throws IOException, StoreException {
    return lock(state, open(state));
  }

  /**
   * Takes the lock, or none where the lock file cannot be opened: a destination that cannot be
   * written (a read-only copy being checked) cannot be changed by a run either.
   *
   * @param state the state folder
   * @return the held lock, or one that holds nothing
   * @throws IOException if the lock file opens but cannot be locked
   * @throws StoreException if another run holds it
   */
  public static DestinationLock takeUnlessReadOnly(Path state) throws IOException, StoreException {
    FileChannel channel;
    try {
      channel = open(state);
    } catch (IOException readOnly) {
      return new DestinationLock(null, null);
    }
    return lock(state, channel);
  }

  private static FileChannel open(Path state) throws IOException {
    return FileChannel.open(state.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private static DestinationLock lock(Path state, FileChannel channel) throws IOException, StoreException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another run in this JVM
    } catch (IOException | RuntimeException e) {
      release(channel, null);
      throw e;
    }
    if (lock == null) {
      release(channel, null);
      throw new StoreException("another flickrbackup run is using this destination (lock " + state.resolve("lock")
          + " is held); wait for it to finish");
    }
    return new DestinationLock(channel, lock);
  }

  @Override
  public void close() {
    release(channel, lock);
  }

  private static void release(FileChannel channel, FileLock lock) {
    try {
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // the lock dies with the channel, and both with the process
    }
  }
}
