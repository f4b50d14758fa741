package io.github.flickrbackup.cli;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.SeedOptions;
import io.github.flickrbackup.SeedResult;
import io.github.flickrbackup.session.BrowserSessionCapture;
import io.github.flickrbackup.session.CapturedSession;
import io.github.flickrbackup.session.SessionFiles;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FileTokenStore;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.SessionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code flickrbackup} command: checks the options, finds the credentials, binds the
 * options to a plan with {@link Plans}, runs it and prints the summary. It holds no backup
 * logic of its own.
 */
@Command(
    name = "flickrbackup",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    headerHeading = "",
    header = "Incremental backups of a Flickr account: originals, metadata, albums and favorites.",
    synopsisHeading = "%nUsage: ",
    descriptionHeading = "%n",
    description = {
        "Downloads every photo and video created or changed since the last run into DESTINATION, "
            + "as DESTINATION/ALBUM/YYYY/MM/DD/ID.EXT with an ID.EXT.txt metadata file beside it, "
            + "exactly as the Python flickrbackup does; a folder it made is continued without "
            + "downloading anything again. Without a mode, a run starts where the last one ended (the "
            + "catalog's mark, or the Python tool's .stamp); after a run that did not finish, it first "
            + "finishes what that run was backing up.",
        "",
        "The first run asks you to authorise read access on Flickr and saves the token in the "
            + "token cache. It needs an API key: set FLICKR_API_KEY and FLICKR_API_SECRET (get one at",
        "https://www.flickr.com/services/apps/create/)."
    },
    parameterListHeading = "%nArguments:%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%nExit status:%n",
    footer = {
        // At most 68 columns with the indentation: the man page shows these lines as they are,
        // indented by 11, and must fit 80 columns.
        "  0  everything was backed up (or the requested action succeeded)",
        "  1  error: bad usage, an unreadable or invalid file, refused",
        "     credentials, or a problem that stopped the run; one line on",
        "     standard error says what (--stacktrace shows more)",
        "  2  the run finished but some items failed; they stay pending,",
        "     the next run retries them, and the summary says what to do;",
        "     --verify: problems were found (with --repair: some are left);",
        "     --mirror refused to move anything (the summary says why);",
        "     --seed-from-export: the export lacked files, or had files of",
        "     no item (listed; the next run downloads what is missing)",
        "",
        "Environment:",
        "  FLICKR_API_KEY              the API key",
        "  FLICKR_API_SECRET           its secret",
        "  FLICKR_ACCESS_TOKEN         an access token, instead of the cache",
        "  FLICKR_ACCESS_TOKEN_SECRET  its secret",
        "  FLICKRBACKUP_ENDPOINT       like --endpoint",
        "  XDG_CONFIG_HOME             where flickrbackup/config.properties is",
        "                              (default: ~/.config)",
        "",
        "Scripting (exit codes, --json output): docs/scripting.md. Without a key,",
        "flickrbackup --demo shows a run against a fake Flickr inside the program.",
        "",
        "Examples:",
        "  flickrbackup -f 2012-02-28 photos   first run: all since a date",
        "  flickrbackup -e errors.txt photos   nightly (cron): what changed",
        "  flickrbackup -d errors.txt photos   retry the ids of an error file"
    })
final class BackupCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(Logging.ITEMS);

  @Mixin
  BackupOptions options = new BackupOptions();

  @Spec
  CommandSpec spec;

  private final Env env;

  /** For tools that instantiate the command themselves (completion script and man page generators). */
  BackupCommand() {
    this(Env.system(CoreEngine::new));
  }

  BackupCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    validate();
    BackupOptions o = options;
    Logging.configure(o.verbose, o.logFile, env.terminal());
    if (o.mode.obtainWebSession != null) {
      return obtainWebSession(o.mode.obtainWebSession);
    }
    if (o.mode.findMissing != null) {
      return findMissing(o.mode.findMissing);
    }
    if (o.mode.demo) {
      return demo();
    }
    if (o.mode.seedFromExport != null) {
      return seedFromExport();
    }
    return backup();
  }

  /** Checks what picocli cannot: one bad value gives one line and exit status 1. */
  private void validate() {
    BackupOptions o = options;
    if (o.mode.seedFromExport != null && o.destination == null && o.mode.seedFromExport.size() > 1) {
      // "--seed-from-export PATH... DEST": the option takes every path, so DEST is its last one.
      List<Path> paths = o.mode.seedFromExport;
      o.destination = paths.get(paths.size() - 1);
      o.mode.seedFromExport = List.copyOf(paths.subList(0, paths.size() - 1));
    }
    if (o.exportDate != null && o.mode.seedFromExport == null) {
      throw usage("--export-date applies only to --seed-from-export");
    }
    if (o.mode.seedFromExport != null && o.dryRun) {
      throw usage("--seed-from-export writes only local files; --dry-run does not apply");
    }
    boolean needsDestination = o.mode.obtainWebSession == null && !o.mode.demo;
    if (needsDestination && o.destination == null) {
      throw usage("missing DESTINATION, the backup folder (only --obtain-web-session and --demo run without one)");
    }
    if (o.retry < 0 || o.retry > 100) {
      throw usage("--retry must be between 0 and 100, not " + o.retry);
    }
    if (o.threads != null && (o.threads < 1 || o.threads > 64)) {
      throw usage("--threads must be between 1 and 64, not " + o.threads);
    }
    if (o.threads != null && o.singleThreaded) {
      throw usage("--single-threaded and --threads contradict each other: give one of them");
    }
    if (o.repair && !o.mode.verify) {
      throw usage("--repair works with --verify: give --verify --repair");
    }
    if (o.mode.verify && (o.dryRun || o.favorites)) {
      throw usage("--verify checks every file the catalog records; " + (o.dryRun ? "--dry-run" : "--favorites")
          + " does not apply");
    }
    if ((o.attic != null || o.maxDelete != null) && !o.mirror) {
      throw usage((o.attic != null ? "--attic" : "--max-delete") + " applies only with --mirror");
    }
    if (o.maxDelete != null && o.maxDelete < 0) {
      throw usage("--max-delete must be 0 or more, not " + o.maxDelete);
    }
    if (o.mirror && (o.mode.download != null || o.mode.findMissing != null || o.mode.obtainWebSession != null
        || o.mode.verify || o.mode.seedFromExport != null || o.mode.demo)) {
      throw usage("--mirror needs a backup run that lists the whole account; it cannot be combined with "
          + (o.mode.download != null ? "-d" : o.mode.findMissing != null ? "--find-missing"
              : o.mode.verify ? "--verify" : o.mode.seedFromExport != null ? "--seed-from-export"
              : o.mode.demo ? "--demo" : "--obtain-web-session"));
    }
    if (o.mode.findMissing != null && o.dryRun) {
      throw usage("--find-missing writes only its CSV; --dry-run does not apply");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private int backup() throws CliException, BackupException {
    BackupOptions o = options;
    Path destination = o.destination;
    if (Files.exists(destination) && !Files.isDirectory(destination)) {
      throw new CliException("destination " + destination + " is not a folder");
    }
    // Read the id file now, so that a bad line is reported before any login.
    Plans.selection(o, ZoneId.systemDefault());
    ConfigFile config = ConfigFile.load(o.config, env);
    FlickrEndpoint endpoint = Credentials.endpoint(o, env, config);
    ApiKey key = Credentials.apiKey(o, env, config);
    Credentials.tokenFromEnvironment(env); // both variables or neither, checked before any login
    SessionProvider webSession = webSession(endpoint);
    Engine engine = env.engine().get();
    Path tokenDir = o.tokenCache != null ? o.tokenCache : env.home().resolve(".flickr");
    return new Authorizer(engine, env, err()).run(endpoint, key, FileTokenStore.inFolder(tokenDir), token -> {
      LOG.debug("Signed in as {} ({})", token.username(), token.userNsid());
      return run(engine, endpoint, key, token, webSession, destination);
    });
  }

  private int demo() throws CliException, BackupException {
    BackupOptions o = options;
    Engine engine = env.engine().get();
    try (Demo demo = Demo.start()) {
      Path destination = o.destination;
      if (destination == null) {
        try {
          destination = Files.createTempDirectory("flickrbackup-demo-");
        } catch (IOException e) {
          throw new CliException("cannot create a temporary folder for the demo: " + e.getMessage(), e);
        }
      }
      info(demo.describe());
      info("Backing up into " + destination.toAbsolutePath());
      int status = run(engine, demo.endpoint(), demo.apiKey(), demo.token(), webSession(demo.endpoint()),
          destination);
      if (!o.dryRun) {
        info("Have a look: " + destination.toAbsolutePath() + " (run the same command again: nothing is "
            + "downloaded twice)");
      }
      return status;
    }
  }

  private int run(Engine engine, FlickrEndpoint endpoint, ApiKey key, AccessToken token,
      SessionProvider webSession, Path destination) throws CliException, BackupException {
    BackupOptions o = options;
    ProgressReporter reporter = new ProgressReporter(env.terminal() && !o.verbose, env.variables());
    PhotoSource source = engine.source(endpoint, key, token, webSession, reporter);
    BackupPlan plan = Plans.from(o, destination, source, engine.metadataWriters(o.jsonMetadata, o.xmpNaming()), reporter,
        ZoneId.systemDefault());
    if (o.mode.verify) {
      VerifyProgress progress = new VerifyProgress(env.terminal() && !o.verbose);
      try {
        // A verify has its own bar (and no line per item when not at a terminal); the repair run reports to it too.
        return verify(engine, plan.toBuilder().listener(progress).build(), progress, reporter, source);
      } finally {
        progress.close();
      }
    }
    BackupResult result;
    try {
      result = engine.run(plan);
    } finally {
      reporter.close();
      source.close(); // its connection pool: a run never closes the source it was given
    }
    Logger summary = LoggerFactory.getLogger(Logging.SUMMARY);
    for (String line : Summary.text(result, o.verbose)) {
      summary.info(line);
      if (!o.json) {
        out().println(line);
      }
    }
    java.util.Optional<io.github.flickrbackup.CompletenessReport> report = VerifyOutput.reportOf(engine, plan,
        result.elapsed());
    report.ifPresent(r -> {
      summary.info(r.summaryLine());
      if (!o.json) {
        out().println(r.summaryLine());
      }
    });
    if (o.json) {
      out().println(VerifyOutput.withCompleteness(Summary.json(result), report));
    }
    out().flush();
    return Summary.exitCode(result);
  }

  private int verify(Engine engine, BackupPlan plan, VerifyProgress progress, ProgressReporter reporter,
      PhotoSource source) throws BackupException {
    io.github.flickrbackup.VerifyResult result;
    try {
      result = engine.verify(plan, options.repair);
    } finally {
      progress.close();
      reporter.close();
      source.close();
    }
    Logger summary = LoggerFactory.getLogger(Logging.SUMMARY);
    for (String line : VerifyOutput.text(result)) {
      summary.info(line);
      if (!options.json) {
        out().println(line);
      }
    }
    if (options.json) {
      out().println(VerifyOutput.json(result));
    }
    out().flush();
    return VerifyOutput.exitCode(result);
  }

  private SessionProvider webSession(FlickrEndpoint endpoint) throws CliException {
    Path file = options.webSession;
    if (file == null) {
      return null;
    }
    try {
      return SessionFiles.read(file, endpoint, LOG::warn);
    } catch (IOException e) {
      throw new CliException(e.getMessage() != null && e.getMessage().contains(file.toString())
          ? e.getMessage() : "web session file " + file + ": " + e.getMessage(), e);
    }
  }

  private int seedFromExport() throws CliException, BackupException {
    BackupOptions o = options;
    if (Files.exists(o.destination) && !Files.isDirectory(o.destination)) {
      throw new CliException("destination " + o.destination + " is not a folder");
    }
    Optional<Instant> date = Optional.ofNullable(o.exportDate)
        .map(d -> d.atStartOfDay(ZoneId.systemDefault()).toInstant());
    SeedOptions seed;
    try {
      seed = new SeedOptions(o.mode.seedFromExport, o.destination, date, o.storeOnce);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    SeedResult r = env.engine().get().seedFromExport(seed);
    if (o.json) {
      out().println(Summary.jsonSeed(r, o.destination));
    } else {
      Summary.seedText(r, o.destination, o.verbose).forEach(out()::println);
    }
    out().flush();
    LOG.info("Seeded {} items from the export into {}", r.seeded(), o.destination);
    return Summary.exitCode(r);
  }

  private int findMissing(Path csv) throws CliException, BackupException {
    Path destination = options.destination;
    if (!Files.isDirectory(destination)) {
      throw new CliException("destination " + destination + " is not a folder");
    }
    int missing;
    try {
      missing = env.engine().get().findMissing(destination, csv);
    } catch (IOException e) {
      throw new CliException("cannot look for missing files: " + e.getMessage(), e);
    }
    if (options.json) {
      out().println(Summary.jsonFindMissing(missing, csv.toAbsolutePath().toString()));
    } else {
      out().println(missing + (missing == 1 ? " media file is" : " media files are") + " missing; listed in "
          + csv + (missing == 0 ? "" : " (retry them: cut -d, -f1 " + csv + " > ids.txt; flickrbackup -d ids.txt "
          + destination + ")"));
    }
    out().flush();
    return ExitCodes.OK;
  }

  private int obtainWebSession(Path file) throws CliException {
    BackupOptions o = options;
    FlickrEndpoint endpoint = Credentials.endpoint(o, env, ConfigFile.load(o.config, env));
    BrowserSessionCapture capture = BrowserSessionCapture.builder()
        .browser(o.browser)
        .endpoint(endpoint)
        .enterPressed(env.stdin())
        .warnings(LOG::warn)
        .build();
    err().println("Opening " + o.browser.name().toLowerCase(java.util.Locale.ROOT) + " at " + endpoint.signIn()
        + ". Sign in to Flickr in that window, then press Enter here.");
    err().flush();
    CapturedSession session;
    try {
      session = capture.capture();
      SessionFiles.write(file, session);
    } catch (IOException e) {
      throw new CliException(e.getMessage(), e);
    }
    info("Saved the session (" + session.cookies().size() + " cookies) to " + file
        + " (mode 0600: it signs in as you). Use it with --web-session " + file);
    return ExitCodes.OK;
  }

  /** Lines for people: on standard output, or standard error when it carries JSON. */
  private void info(String line) {
    PrintWriter w = options.json ? err() : out();
    w.println(line);
    w.flush();
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
