package io.github.flickrbackup.cli;

import io.github.flickrbackup.metadata.XmpNaming;
import io.github.flickrbackup.session.Browser;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
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

    @Option(names = "--verify",
        description = "Do not back up: re-read every file the catalog records, compare size and "
            + "SHA-256, and report damaged, missing, out-of-date and unknown files (exit status 2 "
            + "if there are any); with --repair, also fix them.")
    boolean verify;

    @Option(names = "--obtain-web-session", paramLabel = "FILE",
        description = "Open a browser at Flickr's sign-in page, wait for you to sign in (or press "
            + "Enter), and save the session to FILE (mode 0600) for --web-session.")
    Path obtainWebSession;

    @Option(names = "--seed-from-export", paramLabel = "PATH", arity = "1..*",
        description = "Do not download: place the files of Flickr's data export (its zips, or the "
            + "folders they were unpacked into, mixed) in DESTINATION, the last PATH, as a run would, "
            + "so that the next run downloads only what the export lacks or what changed since. "
            + "No key, no network.")
    List<Path> seedFromExport;

    @Option(names = "--demo",
        description = "Back up a generated account from a fake Flickr inside this program (no "
            + "key, no network) into DESTINATION or a new temporary folder.")
    boolean demo;
  }

  @Option(names = "--export-date", paramLabel = "DATE", converter = Converters.Date.class, order = 340,
      description = "With --seed-from-export: the day the export was made (YYYY-MM-DD, local time; "
          + "default: a day before the times of its files). Items changed on Flickr after it are "
          + "downloaded again.")
  LocalDate exportDate;

  @Option(names = "--repair", order = 325,
      description = "With --verify: fetch missing or damaged media again from Flickr, rewrite "
          + "metadata and re-create album copies; exit status 0 only if all is whole afterwards.")
  boolean repair;

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

  @Option(names = "--xmp", order = 230,
      description = "Also write an XMP sidecar (ID.EXT.xmp) beside each media file, for digiKam, darktable, "
          + "Lightroom or Immich: title, description, tags, date taken, GPS, licence, Flickr ids.")
  boolean xmp;

  @Option(names = "--xmp-naming", paramLabel = "darktable|lightroom", order = 231,
      converter = Converters.XmpNamingName.class, completionCandidates = Converters.XmpNamingNames.class,
      description = "How XMP sidecars are named: darktable (ID.EXT.xmp, also digiKam's; the default) or "
          + "lightroom (ID.xmp). Implies --xmp.")
  XmpNaming xmpNaming;

  /** @return how XMP sidecars are named, or null when none are written */
  XmpNaming xmpNaming() {
    if (xmpNaming != null) {
      return xmpNaming;
    }
    return xmp ? XmpNaming.DARKTABLE : null;
  }

  @Option(names = "--mirror", order = 120,
      description = "Also apply what changed on Flickr: items deleted (or unfaved, with --favorites) and "
          + "items taken out of an album or whose album was deleted are moved into the attic "
          + "(DEST/.flickrbackup/attic/RUN-TIME/PATH), never deleted; a renamed album's folder is renamed. "
          + "Lists the whole account (about 1 API call per 500 items, plus 1 per album).")
  boolean mirror;

  @Option(names = "--attic", paramLabel = "DIR", order = 240,
      description = "With --mirror: the attic folder instead of DEST/.flickrbackup/attic; it must be on the "
          + "destination's file system.")
  Path attic;

  @Option(names = "--max-delete", paramLabel = "N", order = 121,
      description = "With --mirror: move nothing if more than N items would go to the attic (default: 50). "
          + "Given explicitly, also allows a listing with less than half the items backed up.")
  Integer maxDelete;

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
