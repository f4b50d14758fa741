package io.github.flickrbackup.cli;

import io.github.flickrbackup.session.Browser;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line's options: every flag of the Python tool with its name, short form and
 * meaning, plus the ones this tool adds. Plain values only; {@link Plans} turns them into a
 * plan, {@link BackupCommand} decides what to run.
 *
 * <p>Help lists them under headings by their {@code order}: 100–199 what to back up, 200–299
 * where and how it is stored, 300–399 how the run behaves, 400–499 the Flickr account, 500–599
 * output (see {@link HelpGroups}); a new option takes a free number in its group's range.
 */
final class BackupOptions {

  @Parameters(index = "0", arity = "0..1", paramLabel = "DESTINATION",
      description = "The backup folder (created if missing). Required except with "
          + "--obtain-web-session and --demo.")
  Path destination;

  @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "%nModes (at most one; none: back up "
      + "what changed since the last run):%n")
  Mode mode = new Mode();

  /** The mutually exclusive modes. */
  static final class Mode {
    @Option(names = {"-f", "--from"}, paramLabel = "DATE", converter = Converters.Date.class,
        description = "Back up items created or changed on or after DATE (YYYY-MM-DD, local time).")
    LocalDate from;

    @Option(names = {"-d", "--download"}, paramLabel = "FILE",
        description = "Back up exactly the photo ids listed in FILE, one a line (an error file "
            + "written by -e; blank lines and # comments are ignored).")
    Path download;

    @Option(names = "--find-missing", paramLabel = "FILE",
        description = "Do not download: write a CSV (Photo ID,URL,Directory) of metadata files "
            + "in DESTINATION whose media file is missing.")
    Path findMissing;

    @Option(names = "--obtain-web-session", paramLabel = "FILE",
        description = "Open a browser at Flickr's sign-in page, wait for you to sign in (or press "
            + "Enter), and save the session to FILE (mode 0600) for --web-session.")
    Path obtainWebSession;

    @Option(names = "--demo",
        description = "Back up a generated account from a fake Flickr inside this program (no "
            + "key, no network) into DESTINATION or a new temporary folder.")
    boolean demo;
  }

  @Option(names = "--favorites", order = 100,
      description = "Back up the account's favorites instead of its own items (always "
          + "organised by date, never by album).")
  boolean favorites;

  @Option(names = {"-o", "--store-once"}, order = 200,
      description = "Store an item that is in several albums only under its first album.")
  boolean storeOnce;

  @Option(names = {"-k", "--keep-existing"}, order = 110,
      description = "Leave an item alone when its media file already exists, even if it changed.")
  boolean keepExisting;

  @Option(names = {"-r", "--retry"}, paramLabel = "N", defaultValue = "1", order = 300,
      description = "Extra passes over failed items within one run, 0 to 100 (default: ${DEFAULT-VALUE}).")
  int retry = 1;

  @Option(names = {"-e", "--error-file"}, paramLabel = "FILE", order = 220,
      description = "Append the ids of items that still failed to FILE (retry them with -d FILE).")
  Path errorFile;

  @Option(names = "--web-session", paramLabel = "FILE", order = 330,
      description = "Send the cookies of a browser session saved by --obtain-web-session with "
          + "media downloads (some videos need it).")
  Path webSession;

  @Option(names = "--browser", paramLabel = "chrome|firefox", defaultValue = "chrome", order = 331,
      converter = Converters.BrowserName.class, completionCandidates = Converters.BrowserNames.class,
      description = "The browser --obtain-web-session opens (default: chrome).")
  Browser browser = Browser.CHROME;

  @Option(names = "--single-threaded", order = 311,
      description = "Download one item at a time.")
  boolean singleThreaded;

  @Option(names = "--threads", paramLabel = "N", order = 310,
      description = "Parallel downloads, 1 to 64 (default: 6).")
  Integer threads;

  @Option(names = "--dry-run", order = 320,
      description = "List what would be downloaded, and how much, without downloading or writing anything.")
  boolean dryRun;

  @Option(names = "--json-metadata", order = 210,
      description = "Also write a JSON metadata file (ID.EXT.json) beside each media file.")
  boolean jsonMetadata;

  @Option(names = "--api-key", paramLabel = "KEY", order = 400,
      description = "Your Flickr API key (or FLICKR_API_KEY, or api.key in the config file).")
  String apiKey;

  @Option(names = "--api-secret", paramLabel = "SECRET", order = 401,
      description = "Its secret (or FLICKR_API_SECRET, or api.secret in the config file). "
          + "Prefer the variable: command lines are visible to other users.")
  String apiSecret;

  @Option(names = "--config", paramLabel = "FILE", order = 410,
      description = "A properties file with api.key, api.secret and optionally endpoint "
          + "(default: the one named under Environment below, if it exists).")
  Path config;

  @Option(names = "--token-cache", paramLabel = "DIR", order = 420,
      description = "Where the access token is kept (default: .flickr in your home folder). FLICKR_ACCESS_TOKEN and "
          + "FLICKR_ACCESS_TOKEN_SECRET, when set, are used instead.")
  Path tokenCache;

  @Option(names = "--endpoint", paramLabel = "URL", converter = Converters.Url.class, order = 430,
      description = "Talk to this server instead of flickr.com, e.g. a test fake or a proxy "
          + "(or FLICKRBACKUP_ENDPOINT).")
  URI endpoint;

  @Option(names = {"-v", "--verbose"}, order = 500,
      description = "Print debug detail.")
  boolean verbose;

  @Option(names = {"-l", "--log-file"}, paramLabel = "FILE", order = 510,
      description = "Also log to FILE, as 'YYYY-MM-DD HH:MM:SS LEVEL message' lines (appends).")
  Path logFile;

  @Option(names = "--json", order = 520,
      description = "Print the summary as one JSON object on standard output (see docs/scripting.md).")
  boolean json;

  @Option(names = "--stacktrace", order = 530,
      description = "Show the stack trace of an error, not just its message.")
  boolean stacktrace;
}
