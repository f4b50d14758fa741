package io.github.flickrbackup.store;

import java.util.Objects;

/**
 * A file present in a {@link MediaStore}.
 *
 * <pre>{@code
 * store.stat(path).ifPresent(f -> System.out.println(f.path() + " " + f.size()));
 * }</pre>
 *
 * @param path where it is
 * @param size its length in bytes
 */
public record StoredFile(StorePath path, long size) {
  /**
   * Validates the entry.
   *
   * @param path where it is
   * @param size its length in bytes
   */
  public StoredFile {
    Objects.requireNonNull(path, "path");
    if (size < 0) {
      throw new IllegalArgumentException("negative size for " + path);
    }
  }
}
