package io.github.flickrbackup.bench;

import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.FlickrBackup;
import io.github.flickrbackup.Selection;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FileTokenStore;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.FakeStats;
import io.github.flickrbackup.testkit.Fault;
import io.github.flickrbackup.testkit.FaultScope;
import io.github.flickrbackup.testkit.LoopbackCertificate;
import io.github.flickrbackup.testkit.TestToken;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The distance to the floor: for each account of issue 9, our wall time next to a plain
 * parallel OkHttp fetch of the same media URLs from the same fake (same thread count, nothing
 * written, no bookkeeping), measured in the same run, next to that fetch started as a program of
 * its own and the launcher's cold start ({@code --version}); then the launcher's cold start with
 * and without the class-data-sharing archive; then the launcher's JVM options one by one.
 *
 * <p>Not a test. Run it with {@code mvn -B -DskipTests -DskipITs -Pbenchmark verify} (see
 * {@code docs/benchmarks.md}); {@code -Dbenchmark.args="small latency"} picks parts. Parts:
 * {@code small}, {@code large}, {@code latency}, {@code https}, {@code coldstart}, {@code options}
 * (default: all but {@code options}). System properties: {@code flickrbackup.launcher} (the
 * packaged {@code bin/flickrbackup}; without it "ours" runs in this JVM), {@code bench.threads}
 * (6, the default of the program), {@code bench.repeat} (2), {@code bench.coldRepeat} (5),
 * {@code bench.optionsAccount} ({@code small}).
 */
public final class BackupBenchmark {
  private BackupBenchmark() {}

  /**
   * An account of the issue's table; latency is the testkit's {@link Fault#latency}, per request;
   * {@code https}: the fake serves HTTPS with a {@link LoopbackCertificate}, as Flickr serves
   * everything (the launcher's runs trust it through their JVM options).
   */
  record Account(String key, String name, AccountSpec spec, long apiLatencyMs, long mediaLatencyMs, boolean https) {}

  static final List<Account> ACCOUNTS = List.of(
      new Account("small", "300 × 20 KB, no latency",
          AccountSpec.seed(1).photos(300).sets(20).averageBytes(20_000), 0, 0, false),
      new Account("large", "20,000 items in 200 albums (avg 20 KB)",
          AccountSpec.seed(1).photos(20_000).sets(200).averageBytes(20_000), 0, 0, false),
      new Account("latency", "200 × 1 MB, 50 ms per API call, 20 ms per media request",
          AccountSpec.seed(3).photos(200).sets(20).averageBytes(1_000_000), 50, 20, false),
      new Account("https", "the same 200 × 1 MB over HTTPS, 50 ms per API call, 20 ms per media request",
          AccountSpec.seed(3).photos(200).sets(20).averageBytes(1_000_000), 50, 20, true));

  static final int THREADS = Integer.getInteger("bench.threads", 6);
  static final int REPEAT = Integer.getInteger("bench.repeat", 2);
  static final int COLD_REPEAT = Integer.getInteger("bench.coldRepeat", 5);
  static final Path LAUNCHER = launcher();
  static final Path TIME = Files.isExecutable(Path.of("/usr/bin/time")) ? Path.of("/usr/bin/time") : null;
  /** The HTTPS account's certificate, made on first use by {@link #certificate()}. */
  private static LoopbackCertificate certificate;

  /**
   * One measured run: wall seconds, CPU seconds and peak memory in MB (-1: not measured); when
   * it began and ended (null: not measured), its phases as the fake saw them (null: none), and
   * the CPU seconds this JVM (the fake, for a launcher run) used meanwhile (-1: not measured).
   */
  record Run(double wall, double cpu, long peakMb, long apiCalls, long mediaBytes, Instant began, Instant ended,
      Phases phases, double fakeCpu) {
    Run(double wall, double cpu, long peakMb, Instant began, Instant ended) {
      this(wall, cpu, peakMb, 0, 0, began, ended, null, -1);
    }

    Run withFakeCpu(double seconds) {
      return new Run(wall, cpu, peakMb, apiCalls, mediaBytes, began, ended, phases, seconds);
    }

    double mbPerSecond() {
      return mediaBytes / 1e6 / wall;
    }
  }

  public static void main(String[] args) throws Exception {
    List<String> parts = args.length == 0 || args[0].isBlank() || args[0].equals("all")
        ? List.of("small", "large", "latency", "https", "coldstart")
        : Arrays.stream(String.join(" ", args).split("[ ,]+")).toList();
    System.out.printf(Locale.ROOT, "# flickrbackup benchmark, %s, %d cores, Java %s, threads=%d, repeat=%d%n",
        Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), THREADS,
        REPEAT);
    System.out.println("# ours: " + (LAUNCHER != null ? "the launcher " + LAUNCHER + " (cold JVM per run, peak = RSS)"
        : "FlickrBackup.run in this JVM (peak = heap pools); set -Dflickrbackup.launcher for the launcher"));
    System.out.printf(Locale.ROOT, "# load average at start: %.1f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try {
      measure(parts);
    } finally {
      deleteDestinations();
    }
  }

  /** The parts asked for, their tables printed as each ends. */
  static void measure(List<String> parts) throws Exception {
    List<String> table = new ArrayList<>();
    for (Account a : ACCOUNTS) {
      if (parts.contains(a.key())) {
        table.addAll(account(a));
      }
    }
    if (!table.isEmpty()) {
      System.out.println();
      System.out.println("| account | run | floor (OkHttp) | ours | ours / floor | ours: CPU | API calls | media"
          + " | ours MB/s | peak " + (LAUNCHER != null ? "RSS" : "heap") + " | the fake's CPU meanwhile |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
      table.forEach(System.out::println);
      System.out.println();
      System.out.println("Full runs by phase, as the fake saw them: start = launch to the first request, listing = to"
          + " the first media request, downloads = to the end of the last media answer, after = to the exit.");
      System.out.println();
      System.out.println("| account | floor: downloads | ours: start | ours: listing | ours: downloads | ours: after"
          + " | ours / floor, downloads |");
      System.out.println("|---|---|---|---|---|---|---|");
      printRows((account, m) -> phaseRow(account, m.floors(), m.fulls()));
      System.out.println();
      if (LAUNCHER != null) {
        System.out.println("Started cold: the floor's fetch as a program of its own (a new JVM of this JDK with its"
            + " defaults, the same URLs and threads), the launcher's cold start (`bin/flickrbackup --version`)"
            + " and our full run, each against the floor of the same repetition, and ours against the floor"
            + " as a program. The targets below take the floor alone.");
        System.out.println();
        System.out.println("| account | floor | floor as a program | floor as a program / floor"
            + " | the launcher's cold start | ours, full | ours / floor | ours / floor as a program |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        printRows(BackupBenchmark::startedColdRow);
        System.out.println();
        System.out.println("Issue 9's targets, with the figures of this run (each repetition counted on its own):");
        System.out.println();
        System.out.println("| target | measured | met |");
        System.out.println("|---|---|---|");
        targets(MEASURED).forEach(System.out::println);
      } else {
        System.out.println("(issue 9's targets are for the launcher: set -Dflickrbackup.launcher)");
      }
    }
    if (parts.contains("coldstart")) {
      coldStart();
    }
    if (parts.contains("options")) {
      String key = System.getProperty("bench.optionsAccount", "small");
      options(ACCOUNTS.stream().filter(a -> a.key().equals(key)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no account " + key)));
    }
  }

  /** One row per account measured, in the order of {@link #ACCOUNTS}. */
  private static void printRows(BiFunction<String, Measured, String> row) {
    for (Account a : ACCOUNTS) {
      Measured m = MEASURED.get(a.key());
      if (m != null) {
        System.out.println(row.apply(a.name(), m));
      }
    }
  }

  private static Path launcher() {
    String p = System.getProperty("flickrbackup.launcher");
    if (p == null || p.isBlank()) {
      return null;
    }
    Path path = Path.of(p);
    if (!Files.isExecutable(path)) {
      throw new IllegalArgumentException("flickrbackup.launcher is not an executable file: " + p
          + " (build it: mvn -B -DskipTests package)");
    }
    return path;
  }

  // --- The accounts: floor against ours ------------------------------------------------------

  static FakeFlickr fake(Account a) throws IOException {
    FakeFlickr.Builder b = FakeFlickr.builder().account(FakeAccount.generate(a.spec())).hourlyBudget(0);
    if (a.https()) {
      b.https(certificate().keyStore(), certificate().password());
    }
    if (a.apiLatencyMs() > 0) {
      b.fault(Fault.latency(Duration.ofMillis(a.apiLatencyMs())).scopedTo(FaultScope.API));
    }
    if (a.mediaLatencyMs() > 0) {
      b.fault(Fault.latency(Duration.ofMillis(a.mediaLatencyMs())).scopedTo(FaultScope.MEDIA));
    }
    FakeFlickr fake = b.build();
    fake.start();
    return fake;
  }

  static List<String> account(Account a) throws Exception {
    List<Run> floors = new ArrayList<>();
    List<Run> fulls = new ArrayList<>();
    List<Run> unchanged = new ArrayList<>();
    List<Run> coldStarts = new ArrayList<>();
    List<Run> floorPrograms = new ArrayList<>();
    if (a.https() && LAUNCHER == null) {
      System.out.printf(Locale.ROOT, "%n(%s: needs -Dflickrbackup.launcher)%n", a.name());
      return List.of();
    }
    try (FakeFlickr fake = fake(a)) {
      List<URI> urls = fake.account().items().stream().map(i -> i.mediaUrl(fake.baseUrl())).toList();
      long expectedBytes = fake.account().items().stream().mapToLong(FakeItem::bytes).sum();
      System.out.printf(Locale.ROOT, "%n## %s: %d items, %.1f MB of media%n", a.name(), urls.size(),
          expectedBytes / 1e6);
      // Not counted: the fake's code is still interpreted at its first answers, which made the
      // first repetition's floor 2 to 2.4 times its second when an account was measured first.
      Run warmUp = floor(urls, THREADS, a.https());
      System.out.printf(Locale.ROOT, "%-18s    wall=%.2fs (not counted)%n", "fake's warm-up", warmUp.wall());
      for (int rep = 1; rep <= REPEAT; rep++) {
        fake.stats().reset();
        Run floor = floor(urls, THREADS, a.https());
        floors.add(withStats(floor, fake));
        print("floor", rep, floors.get(floors.size() - 1));
        if (LAUNCHER != null) {
          coldStarts.add(process(launcherCommand(List.of("--version")), Map.of()));
          print("launcher --version", rep, coldStarts.get(coldStarts.size() - 1));
          fake.stats().reset();
          floorPrograms.add(withStats(floorProgram(urls, expectedBytes, a.https()), fake));
          print("floor as a program", rep, floorPrograms.get(floorPrograms.size() - 1));
        }
        Path dest = destination("flickrbackup-bench");
        fulls.add(ours(fake, dest, true));
        print("ours, full", rep, fulls.get(fulls.size() - 1));
        unchanged.add(ours(fake, dest, false));
        print("ours, second run", rep, unchanged.get(unchanged.size() - 1));
      }
    }
    MEASURED.put(a.key(), new Measured(floors, fulls, unchanged, coldStarts, floorPrograms));
    return List.of(
        row(a.name(), "full", floors, fulls),
        row("same account", "second run, nothing changed", List.of(), unchanged));
  }

  /** Each account's runs by its key, for the phases and targets tables; filled by {@link #account}. */
  private static final Map<String, Measured> MEASURED = new LinkedHashMap<>();

  /**
   * One account's runs, repetition by repetition (the floor, the launcher's cold start, the floor
   * as a program and our runs of one repetition were measured one after the other, against the
   * same fake).
   *
   * @param coldStarts {@code bin/flickrbackup --version}, one per repetition; empty without the launcher
   * @param floorPrograms the floor's fetch as a program of its own ({@link #floorProgram}), one per
   *     repetition; empty without the launcher
   */
  record Measured(List<Run> floors, List<Run> fulls, List<Run> unchanged, List<Run> coldStarts,
      List<Run> floorPrograms) {
    Measured(List<Run> floors, List<Run> fulls, List<Run> unchanged) {
      this(floors, fulls, unchanged, List.of(), List.of());
    }
  }

  /**
   * Rows of issue 9's targets for the accounts measured: the figures and how many repetitions
   * met each. "2× faster than today" on 20,000 items is against the 64 s of the issue's table.
   */
  static List<String> targets(Map<String, Measured> measured) {
    List<String> rows = new ArrayList<>();
    Measured small = measured.get("small");
    Measured large = measured.get("large");
    Measured latency = measured.get("latency");
    if (latency != null) {
      rows.add(target("200 × 1 MB at 50/20 ms: within 1.3× of the floor", perRepetition(latency.fulls(),
          latency.floors()), r -> r, "%.1f×", r -> r <= 1.3));
    }
    if (small != null) {
      rows.add(target("300 × 20 KB, no latency: under 2 s with the launcher, cold", small.fulls(), Run::wall,
          "%.2f s", w -> w < 2.0));
    }
    if (large != null) {
      rows.add(target("nothing changed on 20,000 items: under 1 s", large.unchanged(), Run::wall, "%.2f s",
          w -> w < 1.0));
      rows.add(target("20,000 items in 200 albums: 2× faster than 64 s (32 s)", large.fulls(), Run::wall, "%.2f s",
          w -> w <= 32.0));
      rows.add(target("20,000 items: peak RSS ≤ 150 MB", large.fulls(), r -> r.peakMb(), "%.0f MB",
          mb -> mb >= 0 && mb <= 150));
    }
    if (small != null) {
      rows.add(target("API calls, 300 items: 22", small.fulls(), r -> r.apiCalls(), "%.0f", n -> n == 22));
    }
    if (large != null) {
      rows.add(target("API calls, 20,000 items: 241", large.fulls(), r -> r.apiCalls(), "%.0f", n -> n == 241));
    }
    List<Run> unchanged = measured.values().stream().flatMap(m -> m.unchanged().stream()).toList();
    if (!unchanged.isEmpty()) {
      rows.add(target("API calls, nothing changed: ≤ 3", unchanged, r -> r.apiCalls(), "%.0f", n -> n <= 3));
    }
    return rows;
  }

  /** "| what | lo – hi | yes/partly/no (k of n runs) |"; an unmeasured figure (negative) meets nothing. */
  static <T> String target(String what, List<T> runs, ToDoubleFunction<T> figure, String format,
      DoublePredicate met) {
    long ok = runs.stream().mapToDouble(figure).filter(met).count();
    boolean unmeasured = runs.stream().mapToDouble(figure).anyMatch(v -> v < 0);
    String verdict = ok == runs.size() ? "yes" : ok == 0 ? "no" : "partly";
    return "| " + what + " | " + (unmeasured ? "n/a" : span(runs, figure, format)) + " | " + verdict + " (" + ok
        + " of " + runs.size() + " runs) |";
  }

  /**
   * Where a full run's time goes, next to the floor's media phase: the downloads phase is what
   * the floor measures, so their ratio is the pipeline's own distance from it; start-up and the
   * listing are what a fresh process adds before it.
   */
  static String phaseRow(String account, List<Run> floor, List<Run> ours) {
    List<Phases> f = floor.stream().map(Run::phases).filter(p -> p != null).toList();
    List<Phases> o = ours.stream().map(Run::phases).filter(p -> p != null).toList();
    if (f.isEmpty() || o.isEmpty()) {
      return "| " + account + " | n/a | n/a | n/a | n/a | n/a | n/a |";
    }
    return "| " + account + " | " + span(f, Phases::media, "%.2f s") + " | " + span(o, Phases::start, "%.2f s")
        + " | " + span(o, Phases::listing, "%.2f s") + " | " + span(o, Phases::media, "%.2f s") + " | "
        + span(o, Phases::after, "%.2f s") + " | " + ratios(o, f, Phases::media) + " |";
  }

  /**
   * The floor next to what starts cold: the floor's fetch as a program of its own, the launcher's
   * cold start and our full run, with the ratios taken repetition by repetition (each against the
   * runs measured just before or after it).
   */
  static String startedColdRow(String account, Measured m) {
    int n = Math.min(m.floors().size(), Math.min(m.fulls().size(),
        Math.min(m.coldStarts().size(), m.floorPrograms().size())));
    if (n == 0) {
      return "| " + account + " | n/a | n/a | n/a | n/a | n/a | n/a | n/a |";
    }
    List<Run> floors = m.floors().subList(0, n);
    List<Run> programs = m.floorPrograms().subList(0, n);
    List<Run> fulls = m.fulls().subList(0, n);
    return "| " + account + " | " + span(floors, Run::wall, "%.2f s") + " | " + span(programs, Run::wall, "%.2f s")
        + " | " + span(perRepetition(programs, floors), d -> d, "%.1f×") + " | "
        + span(m.coldStarts().subList(0, n), Run::wall, "%.2f s") + " | " + span(fulls, Run::wall, "%.2f s") + " | "
        + span(perRepetition(fulls, floors), d -> d, "%.1f×") + " | "
        + span(perRepetition(fulls, programs), d -> d, "%.1f×") + " |";
  }

  /** The wall time of each run over that of the run of the same repetition in {@code base}. */
  static List<Double> perRepetition(List<Run> runs, List<Run> base) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(runs.size(), base.size()); i++) {
      ratios.add(runs.get(i).wall() / base.get(i).wall());
    }
    return ratios;
  }

  /** "lo–hi×": the least and the greatest ratio of any of {@code ours} to any of {@code floor}. */
  static <T> String ratios(List<T> ours, List<T> floor, ToDoubleFunction<T> f) {
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (T o : ours) {
      for (T b : floor) {
        lo = Math.min(lo, f.applyAsDouble(o) / f.applyAsDouble(b));
        hi = Math.max(hi, f.applyAsDouble(o) / f.applyAsDouble(b));
      }
    }
    return range(lo, hi, "%.1f×");
  }

  static void print(String what, int rep, Run r) {
    System.out.printf(Locale.ROOT, "%-18s #%d wall=%.2fs cpu=%s apiCalls=%d media=%.1fMB %.1fMB/s peak=%s%s%s%n",
        what, rep, r.wall(), r.cpu() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2fs", r.cpu()), r.apiCalls(),
        r.mediaBytes() / 1e6, r.mbPerSecond(), r.peakMb() < 0 ? "n/a" : r.peakMb() + "MB",
        r.phases() == null ? "" : " " + r.phases(),
        r.fakeCpu() < 0 ? "" : String.format(Locale.ROOT, " fakeCpu=%.2fs", r.fakeCpu()));
  }

  static String row(String account, String run, List<Run> floor, List<Run> ours) {
    String ratio = floor.isEmpty() ? "—" : ratios(ours, floor, Run::wall);
    return "| " + account + " | " + run + " | " + (floor.isEmpty() ? "—" : span(floor, Run::wall, "%.2f s")) + " | "
        + span(ours, Run::wall, "%.2f s") + " | " + ratio + " | "
        + (ours.get(0).cpu() < 0 ? "n/a" : span(ours, Run::cpu, "%.2f s")) + " | "
        + span(ours, r -> r.apiCalls(), "%.0f") + " | "
        + span(ours, r -> r.mediaBytes() / 1e6, "%.1f MB") + " | " + span(ours, Run::mbPerSecond, "%.1f") + " | "
        + (ours.get(0).peakMb() < 0 ? "n/a" : span(ours, r -> r.peakMb(), "%.0f MB")) + " | "
        + (ours.get(0).fakeCpu() < 0 ? "n/a" : span(ours, Run::fakeCpu, "%.2f s")) + " |";
  }

  /** "lo–hi" of the runs (or one value when they agree at this precision). */
  static <T> String span(List<T> runs, ToDoubleFunction<T> f, String format) {
    double lo = runs.stream().mapToDouble(f).min().orElse(Double.NaN);
    double hi = runs.stream().mapToDouble(f).max().orElse(Double.NaN);
    return range(lo, hi, format);
  }

  static String range(double lo, double hi, String format) {
    String a = String.format(Locale.ROOT, format, lo);
    String b = String.format(Locale.ROOT, format, hi);
    return a.equals(b) ? a : a + " – " + b;
  }

  /**
   * A run's phases, in seconds, from the fake's clock: {@code start} from the process's launch
   * to its first request (JVM, CLI, catalog), {@code listing} to the first media request,
   * {@code media} to the end of the last media answer (the part the floor measures),
   * {@code after} from there to the process's exit (the last catalog batch, the run's end).
   */
  record Phases(double start, double listing, double media, double after) {
    static Phases of(Run r, FakeStats stats) {
      if (r.began() == null || stats.firstRequestAt().isEmpty() || stats.firstMediaRequestAt().isEmpty()
          || stats.lastMediaEndAt().isEmpty()) {
        return null;
      }
      Instant first = stats.firstRequestAt().get();
      Instant firstMedia = stats.firstMediaRequestAt().get();
      Instant lastMedia = stats.lastMediaEndAt().get();
      return new Phases(seconds(r.began(), first), seconds(first, firstMedia), seconds(firstMedia, lastMedia),
          seconds(lastMedia, r.ended()));
    }

    private static double seconds(Instant from, Instant to) {
      return Duration.between(from, to).toNanos() / 1e9;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "start=%.2fs listing=%.2fs media=%.2fs after=%.2fs", start, listing, media,
          after);
    }
  }

  static Run withStats(Run r, FakeFlickr fake) {
    return new Run(r.wall(), r.cpu(), r.peakMb(), fake.stats().apiCalls(), fake.stats().mediaBytes(), r.began(),
        r.ended(), Phases.of(r, fake.stats()), r.fakeCpu());
  }

  /** The floor, in this JVM: {@link FloorFetch} over the account's media URLs. */
  static Run floor(List<URI> urls, int threads, boolean https) throws Exception {
    Instant began = Instant.now();
    FloorFetch.Fetched f = https
        ? FloorFetch.fetch(urls, threads, certificate().clientSockets(), certificate().trustManager())
        : FloorFetch.fetch(urls, threads, null, null);
    return new Run(f.seconds(), -1, -1, 0, f.bytes(), began, Instant.now(), null, -1);
  }

  /**
   * The floor's fetch as a program of its own ({@link FloorFetch#main}): a new JVM of this JDK with
   * its default options, started cold as ours is, on a class path of the benchmark's classes and
   * OkHttp's jars only. Wall time, CPU and peak RSS as for our runs.
   */
  static Run floorProgram(List<URI> urls, long expectedBytes, boolean https) throws Exception {
    Path list = Files.createTempFile("flickrbackup-bench-urls", ".txt");
    try {
      Files.write(list, urls.stream().map(URI::toString).toList(), StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      if (https) {
        command.addAll(certificate().jvmTrustOptions());
      }
      command.addAll(List.of("-cp", floorClassPath(), FloorFetch.class.getName(), list.toString(),
          Integer.toString(THREADS), Long.toString(expectedBytes)));
      return process(command, Map.of());
    } finally {
      Files.deleteIfExists(list);
    }
  }

  /** Where {@link FloorFetch} is, and the jars of OkHttp, Okio and Kotlin's library from this JVM's class path. */
  static String floorClassPath() throws Exception {
    List<String> entries = new ArrayList<>();
    entries.add(Path.of(FloorFetch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.endsWith(".jar") && (name.startsWith("okhttp-") || name.startsWith("okio-")
          || name.startsWith("kotlin-stdlib"))) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** One backup of the fake into {@code dest}: a full one from 1990, or one that continues the last. */
  static Run ours(FakeFlickr fake, Path dest, boolean full) throws Exception {
    fake.stats().reset();
    if (LAUNCHER == null) {
      return withStats(inProcessRun(fake, dest, full), fake);
    }
    // The fake shares the machine's cores with our process: what it used shows how much of
    // them the harness took from the run.
    long before = processCpuNanos();
    Run r = launcherRun(fake, dest, full);
    return withStats(r.withFakeCpu((processCpuNanos() - before) / 1e9), fake);
  }

  static Run inProcessRun(FakeFlickr fake, Path dest, boolean full) throws Exception {
    TestToken t = fake.issueAccessToken();
    PhotoSource source = FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()))
        .build();
    resetPeaks();
    Instant began = Instant.now();
    long start = System.nanoTime();
    BackupResult result = FlickrBackup.run(BackupPlan.builder().source(source).destination(dest)
        .selection(full ? Selection.updatedSince(Instant.EPOCH) : Selection.sinceLastRun()).threads(THREADS).build());
    double wall = (System.nanoTime() - start) / 1e9;
    if (result.failed() > 0) {
      throw new IllegalStateException(result.failed() + " items failed in a benchmark run");
    }
    return new Run(wall, -1, peakHeapMb(), began, Instant.now());
  }

  static Run launcherRun(FakeFlickr fake, Path dest, boolean full) throws Exception {
    return optionRun(fake, dest, full, "");
  }

  /** The certificate of the HTTPS account's fake, made on first use (the JDK's keytool). */
  static synchronized LoopbackCertificate certificate() throws IOException {
    if (certificate == null) {
      Path folder = Files.createTempDirectory("flickrbackup-bench-tls");
      folder.toFile().deleteOnExit();
      certificate = LoopbackCertificate.create(folder);
      certificate.keyStore().toFile().deleteOnExit();
    }
    return certificate;
  }

  /** The JVM options a launcher run against this fake needs: trust in its certificate, over HTTPS. */
  static String trustOptions(FakeFlickr fake) throws IOException {
    return fake.baseUrl().getScheme().equals("https") ? String.join(" ", certificate().jvmTrustOptions()) : "";
  }

  /**
   * The CLI's arguments for one run into {@code dest}. The token is saved where the first
   * authorisation saves it, as a cron job finds it: such a run spends no call on checking it
   * (a token in {@code FLICKR_ACCESS_TOKEN} would cost a {@code flickr.test.login}).
   */
  static List<String> cliArgs(FakeFlickr fake, Path dest, boolean full) throws IOException {
    TestToken t = fake.issueAccessToken();
    Path tokens = tokensOf(dest);
    FileTokenStore.inFolder(tokens).save(FlickrEndpoint.at(fake.baseUrl()),
        new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET),
        new AccessToken(t.token(), t.secret(), t.userNsid(), t.username()));
    List<String> args = new ArrayList<>(List.of("--endpoint", fake.baseUrl().toString(),
        "--threads", Integer.toString(THREADS), "--token-cache", tokens.toString()));
    if (full) {
      args.addAll(List.of("-f", "1990-01-01"));
    }
    args.add(dest.toString());
    return args;
  }

  /** The token cache of the runs into {@code dest}: beside it, deleted with it. */
  static Path tokensOf(Path dest) {
    return dest.resolveSibling(dest.getFileName() + "-tokens");
  }

  static List<String> launcherCommand(List<String> args) {
    List<String> c = new ArrayList<>();
    c.add(LAUNCHER.toString());
    c.addAll(args);
    return c;
  }

  /**
   * Runs a command to its end, its output to a file; with {@code /usr/bin/time} also its CPU
   * time and peak RSS. A non-zero exit status stops the benchmark.
   */
  static Run process(List<String> command, Map<String, String> env) throws Exception {
    Path dir = Files.createTempDirectory("flickrbackup-bench-run");
    try {
      Path times = dir.resolve("time.txt");
      List<String> full = new ArrayList<>();
      if (TIME != null) {
        full.addAll(List.of(TIME.toString(), "-f", "%e %U %S %M", "-o", times.toString()));
      }
      full.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile())
          .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      pb.environment().remove("JAVA_OPTS");
      pb.environment().remove("FLICKRBACKUP_OPTS");
      pb.environment().remove("FLICKRBACKUP_JAVA_OPTS");
      pb.environment().put("HOME", dir.toString());
      pb.environment().putAll(env);
      Instant began = Instant.now();
      long start = System.nanoTime();
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      double wall = (System.nanoTime() - start) / 1e9;
      Instant ended = Instant.now();
      if (p.exitValue() != 0) {
        throw new IllegalStateException("exit " + p.exitValue() + ": " + command + "\n"
            + Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8)
            + Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8));
      }
      if (TIME == null) {
        return new Run(wall, -1, -1, began, ended);
      }
      String[] f = Files.readString(times, StandardCharsets.UTF_8).trim().split("\\s+");
      int n = f.length;
      return new Run(wall, Double.parseDouble(f[n - 3]) + Double.parseDouble(f[n - 2]),
          Long.parseLong(f[n - 1]) / 1024, began, ended);
    } finally {
      delete(dir);
    }
  }

  // --- Cold start ----------------------------------------------------------------------------

  /** JVM options that leave out the build's archive: the JDK's own CDS archive only. */
  static String jdkArchiveOnly() {
    return "-XX:SharedArchiveFile=" + Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa");
  }

  static void coldStart() throws Exception {
    if (LAUNCHER == null) {
      System.out.println("\n(cold start: needs -Dflickrbackup.launcher)");
      return;
    }
    Path jar = LAUNCHER.getParent().resolve("../lib/flickrbackup.jar").normalize();
    Map<String, Map<String, String>> variants = new LinkedHashMap<>();
    variants.put("launcher (defaults, build's CDS archive)", Map.of());
    variants.put("launcher, JDK's CDS archive only", Map.of("FLICKRBACKUP_OPTS", jdkArchiveOnly()));
    variants.put("launcher, -Xshare:off", Map.of("FLICKRBACKUP_OPTS", "-Xshare:off"));
    variants.put("java -jar, no options", Map.of());
    System.out.printf(Locale.ROOT, "%n## Cold start, %d runs each (median, min – max)%n%n", COLD_REPEAT);
    System.out.println("| command | JVM | wall | CPU (user+sys) | peak RSS |");
    System.out.println("|---|---|---|---|---|");
    for (String command : List.of("--version", "--demo")) {
      for (Map.Entry<String, Map<String, String>> v : variants.entrySet()) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < COLD_REPEAT; i++) {
          Path demo = destination("flickrbackup-bench-demo");
          List<String> args = command.equals("--demo") ? List.of("--demo", demo.toString()) : List.of(command);
          List<String> c = v.getKey().startsWith("java -jar")
              ? Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                  jar.toString()), args.stream()).toList()
              : launcherCommand(args);
          runs.add(process(c, v.getValue()));
        }
        System.out.println("| `" + command + "` | " + v.getKey() + " | " + median(runs, Run::wall, "%.2f s") + " | "
            + (runs.get(0).cpu() < 0 ? "n/a" : median(runs, Run::cpu, "%.2f s")) + " | "
            + (runs.get(0).peakMb() < 0 ? "n/a" : median(runs, r -> r.peakMb(), "%.0f MB")) + " |");
      }
    }
  }

  static String median(List<Run> runs, ToDoubleFunction<Run> f, String format) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    double m = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    return String.format(Locale.ROOT, format, m) + " (" + range(v[0], v[v.length - 1], format) + ")";
  }

  // --- The launcher's JVM options, one by one --------------------------------------------------

  static void options(Account a) throws Exception {
    if (LAUNCHER == null) {
      System.out.println("\n(options: needs -Dflickrbackup.launcher)");
      return;
    }
    long ramMb = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize() / (1024 * 1024);
    Map<String, String> variants = new LinkedHashMap<>();
    variants.put("defaults", "");
    variants.put("C1 only (-XX:TieredStopAtLevel=1)", "-XX:TieredStopAtLevel=1");
    variants.put("G1 (-XX:+UseG1GC)", "-XX:+UseG1GC");
    variants.put("initial heap = maximum (-Xms256m)", "-Xms256m");
    variants.put("the JVM's free-heap ratios (40-70%)", "-XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=70");
    variants.put("the JVM's heap sizing (-Xms" + ramMb / 64 + "m -Xmx" + ramMb / 4 + "m)",
        "-Xms" + ramMb / 64 + "m -Xmx" + ramMb / 4 + "m");
    variants.put("smaller stacks (-Xss512k)", "-Xss512k");
    variants.put("no build CDS archive (JDK's only)", jdkArchiveOnly());
    System.out.printf(Locale.ROOT, "%n## Launcher options on %s, each %d times (min – max)%n%n", a.name(), REPEAT);
    try (FakeFlickr fake = fake(a)) {
      Map<String, List<Run[]>> results = new LinkedHashMap<>();
      for (int rep = 1; rep <= REPEAT; rep++) {
        for (Map.Entry<String, String> v : variants.entrySet()) {
          Path dest = destination("flickrbackup-bench");
          Run full = optionRun(fake, dest, true, v.getValue());
          Run again = optionRun(fake, dest, false, v.getValue());
          results.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(new Run[] {full, again});
          System.out.printf(Locale.ROOT, "%s #%d: full %.2fs cpu %.2fs %dMB; second %.2fs %dMB%n", v.getKey(), rep,
              full.wall(), full.cpu(), full.peakMb(), again.wall(), again.peakMb());
        }
      }
      System.out.println();
      System.out.println("| JVM options | full: wall | full: CPU | full: peak RSS | second run: wall | second run: peak RSS |");
      System.out.println("|---|---|---|---|---|---|");
      for (Map.Entry<String, List<Run[]>> e : results.entrySet()) {
        List<Run> full = e.getValue().stream().map(r -> r[0]).toList();
        List<Run> again = e.getValue().stream().map(r -> r[1]).toList();
        System.out.println("| " + e.getKey() + " | " + span(full, Run::wall, "%.2f s") + " | "
            + span(full, Run::cpu, "%.2f s") + " | " + span(full, r -> r.peakMb(), "%.0f MB") + " | "
            + span(again, Run::wall, "%.2f s") + " | " + span(again, r -> r.peakMb(), "%.0f MB") + " |");
      }
    }
  }

  static Run optionRun(FakeFlickr fake, Path dest, boolean full, String opts) throws Exception {
    return process(launcherCommand(cliArgs(fake, dest, full)), Map.of("FLICKR_API_KEY",
        FakeFlickr.DEFAULT_CONSUMER_KEY, "FLICKR_API_SECRET", FakeFlickr.DEFAULT_CONSUMER_SECRET,
        "FLICKRBACKUP_OPTS", (trustOptions(fake) + " " + opts).strip()));
  }

  // --- Helpers -------------------------------------------------------------------------------

  /** CPU time of this JVM so far: with a launcher run, the fake's (and this thread's wait). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / (1024 * 1024);
  }

  /**
   * The destinations of this benchmark's runs, deleted when it ends instead of after each run.
   * On ext4 without a journal (this machine's root), a new inode skips every inode freed in
   * the last minute, reading each one's deletion time: a full run of 300 × 20 KB started right
   * after the last one's destination was deleted spent 0.23–0.44 s more system time making its
   * files and folders (docs/benchmarks.md, "Figures of the eighth session"). A backup does not
   * run a moment after thousands of files were deleted, so the benchmark no longer makes it.
   */
  private static final List<Path> DESTINATIONS = new ArrayList<>();

  static Path destination(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    DESTINATIONS.add(dir);
    return dir;
  }

  static void deleteDestinations() throws IOException {
    for (Path dir : DESTINATIONS) {
      delete(dir);
      delete(tokensOf(dir));
    }
    DESTINATIONS.clear();
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
