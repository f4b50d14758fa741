package io.github.flickrbackup.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import java.io.IOException;
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
 * Access tokens kept between runs in {@code DIR/flickrbackup-tokens.json}, one per API key and
 * endpoint (so a token of the test fake never meets the real Flickr). The file is created
 * readable by its owner only (mode 0600, the folder 0700) and replaced atomically.
 *
 * <p>The Python tool's {@code oauth-tokens.sqlite} in the same folder is left alone: its
 * tokens belong to its own API key and cannot be used with another.
 */
final class TokenCache {
  static final String FILE_NAME = "flickrbackup-tokens.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;

  TokenCache(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  Path file() {
    return directory.resolve(FILE_NAME);
  }

  /** The token saved for this key and endpoint, if any. */
  Optional<AccessToken> find(FlickrEndpoint endpoint, ApiKey key) throws CliException {
    ObjectNode root = load();
    JsonNode entry = root.path("tokens").path(slot(endpoint, key));
    if (!entry.isObject()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new AccessToken(entry.path("token").asText(""), entry.path("secret").asText(""),
          entry.path("userNsid").asText(""), entry.path("username").asText("")));
    } catch (IllegalArgumentException e) {
      throw new CliException("token cache " + file() + " holds an incomplete token for " + slot(endpoint, key)
          + ": delete the file to authorise again");
    }
  }

  /** Saves the token for this key and endpoint, replacing any earlier one. */
  void save(FlickrEndpoint endpoint, ApiKey key, AccessToken token) throws CliException {
    ObjectNode root = load();
    ObjectNode tokens = root.get("tokens") instanceof ObjectNode o ? o : root.putObject("tokens");
    ObjectNode entry = tokens.putObject(slot(endpoint, key));
    entry.put("token", token.token());
    entry.put("secret", token.secret());
    entry.put("userNsid", token.userNsid());
    entry.put("username", token.username());
    write(root);
  }

  /** Removes the token for this key and endpoint (it was revoked). */
  void forget(FlickrEndpoint endpoint, ApiKey key) throws CliException {
    ObjectNode root = load();
    JsonNode tokens = root.path("tokens");
    if (tokens.isObject() && tokens.has(slot(endpoint, key))) {
      ((ObjectNode) tokens).remove(slot(endpoint, key));
      write(root);
    }
  }

  private static String slot(FlickrEndpoint endpoint, ApiKey key) {
    return key.key() + " " + endpoint.rest();
  }

  private ObjectNode load() throws CliException {
    Path file = file();
    try {
      JsonNode node = JSON.readTree(Files.readAllBytes(file));
      if (node == null || !node.isObject()) {
        throw new CliException("token cache " + file + " is not a JSON object: delete it to authorise again");
      }
      return (ObjectNode) node;
    } catch (NoSuchFileException e) {
      ObjectNode root = JSON.createObjectNode();
      root.put("format", 1);
      root.putObject("tokens");
      return root;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new CliException("token cache " + file + " is not valid JSON (line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "): delete it to authorise again");
    } catch (IOException e) {
      throw new CliException("cannot read token cache " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(ObjectNode root) throws CliException {
    Path file = file();
    Path temp = null;
    try {
      createPrivateDirectory(directory);
      temp = Files.createTempFile(directory, ".flickrbackup-tokens", ".tmp", ownerOnly(file));
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root)));
        ch.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new CliException("cannot write token cache " + file + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the temporary file is harmless; the error above is what matters
        }
      }
    }
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
          Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    if (!posix(file)) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))};
  }

  private static boolean posix(Path path) {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        && path.getFileSystem().equals(FileSystems.getDefault());
  }
}
