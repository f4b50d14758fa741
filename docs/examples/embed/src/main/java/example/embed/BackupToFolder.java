package example.embed;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.FlickrBackup;
import io.github.flickrbackup.ItemFailure;
import io.github.flickrbackup.ItemOutcome;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FileTokenStore;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrLogin;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoId;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.TokenStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Backs up a Flickr account into a folder: the first run asks the user to authorise and saves
 * the token; every later run reuses it and fetches only what changed.
 *
 * <pre>
 * FLICKR_API_KEY=... FLICKR_API_SECRET=... java example.embed.BackupToFolder /backup/flickr
 * </pre>
 */
public final class BackupToFolder {
  private BackupToFolder() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: BackupToFolder FOLDER [FLICKR-BASE-URL]");
      System.exit(1);
    }
    ApiKey key = new ApiKey(System.getenv("FLICKR_API_KEY"), System.getenv("FLICKR_API_SECRET"));
    FlickrEndpoint flickr = args.length > 1 ? FlickrEndpoint.at(URI.create(args[1])) : FlickrEndpoint.flickr();
    TokenStore tokens = FileTokenStore.inFolder(Path.of(System.getProperty("user.home"), ".flickr"));
    BufferedReader keyboard = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    BackupResult result = backup(flickr, key, tokens, Path.of(args[0]), keyboard, System.out);
    System.exit(result.complete() ? 0 : 2);
  }

  /** The whole program: authorise (once), then back up what changed since the last run. */
  static BackupResult backup(FlickrEndpoint flickr, ApiKey key, TokenStore tokens, Path folder,
      BufferedReader keyboard, PrintStream out) throws BackupException, IOException {
    AccessToken token = FlickrLogin.of(flickr, key, tokens).token(url -> {
      out.println("Open " + url + " , allow access, and type the code Flickr shows:");
      return keyboard.readLine();
    });
    try (PhotoSource source = FlickrSource.builder().endpoint(flickr).apiKey(key).accessToken(token).build()) {
      return FlickrBackup.run(BackupPlan.builder()
          .source(source)
          .destination(folder)
          .selection(Selection.sinceLastRunOr(Instant.EPOCH))
          .listener(new Progress(out))
          .build());
    }
  }

  /** Prints one line per event; called from several download threads, and PrintStream is thread-safe. */
  private static final class Progress implements BackupListener {
    private final PrintStream out;

    Progress(PrintStream out) {
      this.out = out;
    }

    @Override
    public void listingFinished(int itemsListed, int itemsToProcess) {
      out.println(itemsListed + " items listed, " + itemsToProcess + " to back up");
    }

    @Override
    public void itemFinished(PhotoId id, ItemOutcome outcome) {
      out.println(id + " " + outcome);
    }

    @Override
    public void itemFailed(ItemFailure failure) {
      out.println(failure.id() + " FAILED: " + failure.message());
    }

    @Override
    public void runFinished(BackupResult result) {
      out.println(result.downloaded() + " new, " + result.updated() + " updated, " + result.failed() + " failed");
    }
  }
}
