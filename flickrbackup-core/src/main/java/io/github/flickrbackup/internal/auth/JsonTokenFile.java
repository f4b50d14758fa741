package io.github.flickrbackup.internal.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.TokenStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Tokens in one JSON file: {@code {"format":1,"tokens":{"KEY REST-URL":{"token":…,"secret":…,
 * "userNsid":…,"username":…}}}}. The format is the one the command line has written since its
 * first version, so existing files keep working.
 */
public final class JsonTokenFile implements TokenStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  /**
   * A store in this file.
   *
   * @param file an absolute path
   */
  public JsonTokenFile(Path file) {
    this.file = file;
  }

  @Override
  public synchronized Optional<AccessToken> find(FlickrEndpoint endpoint, ApiKey key) throws IOException {
    JsonNode entry = load().path("tokens").path(slot(endpoint, key));
    if (!entry.isObject()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new AccessToken(entry.path("token").asText(""), entry.path("secret").asText(""),
          entry.path("userNsid").asText(""), entry.path("username").asText("")));
    } catch (IllegalArgumentException e) {
      throw new IOException("token file " + file + " holds an incomplete token for API key " + key.key()
          + ": delete the file to authorise again");
    }
  }

  @Override
  public synchronized void save(FlickrEndpoint endpoint, ApiKey key, AccessToken token) throws IOException {
    ObjectNode root = load();
    ObjectNode tokens = root.get("tokens") instanceof ObjectNode o ? o : root.putObject("tokens");
    ObjectNode entry = tokens.putObject(slot(endpoint, key));
    entry.put("token", token.token());
    entry.put("secret", token.secret());
    entry.put("userNsid", token.userNsid());
    entry.put("username", token.username());
    write(root);
  }

  @Override
  public synchronized void forget(FlickrEndpoint endpoint, ApiKey key) throws IOException {
    ObjectNode root = load();
    JsonNode tokens = root.path("tokens");
    if (tokens instanceof ObjectNode o && o.has(slot(endpoint, key))) {
      o.remove(slot(endpoint, key));
      write(root);
    }
  }

  @Override
  public String location() {
    return file.toString();
  }

  @Override
  public String toString() {
    return "FileTokenStore[" + file + "]";
  }

  /** One token per key and REST endpoint: a token is valid only for the key and the Flickr that issued it. */
  private static String slot(FlickrEndpoint endpoint, ApiKey key) {
    return key.key() + " " + endpoint.rest();
  }

  private ObjectNode load() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      ObjectNode root = JSON.createObjectNode();
      root.put("format", 1);
      root.putObject("tokens");
      return root;
    } catch (IOException e) {
      throw new IOException("cannot read token file " + file + ": " + e.getMessage(), e);
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the content, which holds secrets: give the line only.
      throw new IOException("token file " + file + " is not valid JSON (line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "): delete it to authorise again");
    }
    if (!(node instanceof ObjectNode root)) {
      throw new IOException("token file " + file + " is not a JSON object: delete it to authorise again");
    }
    return root;
  }

  private void write(ObjectNode root) throws IOException {
    Path folder = file.getParent();
    Path temp = null;
    try {
      createPrivateFolder(folder);
      // Created 0600 from the start, so the secret is never readable by others, not even briefly.
      temp = Files.createTempFile(folder, "." + file.getFileName(), ".tmp", ownerOnly(folder));
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root)));
        ch.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new IOException("cannot write token file " + file + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a stray temporary file is harmless; the failure above is what matters
        }
      }
    }
  }

  private static void createPrivateFolder(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    if (posix(folder)) {
      Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
          Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)));
    } else {
      Files.createDirectories(folder);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path where) {
    if (!posix(where)) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))};
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
