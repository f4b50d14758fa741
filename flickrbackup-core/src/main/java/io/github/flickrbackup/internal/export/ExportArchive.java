package io.github.flickrbackup.internal.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * One part of a Flickr data export as the user gave it: a zip file, or a folder it was
 * unpacked into (searched recursively, since people unpack each zip into its own folder).
 * A zip is read through {@link ZipFile}: its central directory lists the entries, and each
 * entry is inflated as a stream while it is read, so nothing is unpacked to disk and a
 * 10 GB zip needs no temporary space.
 */
public final class ExportArchive implements Closeable {
  private final Path path;
  private final ZipFile zip;

  /**
   * One file of the export.
   *
   * @param archive where it is
   * @param name its path inside the archive ({@code /}-separated)
   * @param size its uncompressed size, or -1 when unknown
   * @param modified its modification time, or {@code null} when unknown
   */
  public record Entry(ExportArchive archive, String name, long size, Instant modified) {
    /** @return the file name alone (the last segment of {@link #name()}) */
    public String fileName() {
      int slash = name.lastIndexOf('/');
      return slash < 0 ? name : name.substring(slash + 1);
    }

    /** @return the entry's bytes, as a stream; the caller closes it */
    public InputStream open() throws IOException {
      return archive.open(this);
    }

    /** @return where the entry is, for messages: {@code archive!name} for a zip, the file for a folder */
    public String location() {
      return archive.zip != null ? archive.path + "!" + name : archive.path.resolve(name).toString();
    }
  }

  private ExportArchive(Path path, ZipFile zip) {
    this.path = path;
    this.zip = zip;
  }

  /**
   * Opens a zip file or a folder.
   *
   * @param path the zip or folder
   * @return the archive; the caller closes it
   * @throws IOException if it is neither a readable zip nor a folder
   */
  public static ExportArchive open(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return new ExportArchive(path, null);
    }
    if (!Files.isRegularFile(path)) {
      throw new IOException(path + " is neither a zip file nor a folder");
    }
    try {
      return new ExportArchive(path, new ZipFile(path.toFile()));
    } catch (ZipException e) {
      throw new IOException(path + " is not a zip file (" + e.getMessage() + "); give the export's zips or the"
          + " folders they were unpacked into", e);
    }
  }

  /** @return the zip or folder */
  public Path path() {
    return path;
  }

  /**
   * Lists the archive's files (not folders), in the zip's order or sorted by path.
   *
   * @return the entries
   * @throws IOException if the folder cannot be read
   */
  public List<Entry> entries() throws IOException {
    List<Entry> out = new ArrayList<>();
    if (zip != null) {
      Enumeration<? extends ZipEntry> e = zip.entries();
      while (e.hasMoreElements()) {
        ZipEntry z = e.nextElement();
        if (!z.isDirectory()) {
          Instant t = z.getLastModifiedTime() == null ? null : z.getLastModifiedTime().toInstant();
          out.add(new Entry(this, z.getName(), z.getSize(), t));
        }
      }
      return out;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        if (a.isRegularFile()) {
          String rel = path.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
          out.add(new Entry(this, rel, a.size(), a.lastModifiedTime().toInstant()));
        }
      }
    }
    return out;
  }

  private InputStream open(Entry entry) throws IOException {
    if (zip != null) {
      ZipEntry z = zip.getEntry(entry.name());
      if (z == null) {
        throw new IOException("no entry " + entry.name() + " in " + path);
      }
      return zip.getInputStream(z);
    }
    return Files.newInputStream(path.resolve(entry.name()));
  }

  @Override
  public void close() throws IOException {
    if (zip != null) {
      zip.close();
    }
  }
}
