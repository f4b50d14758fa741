package io.github.flickrbackup.testkit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone fake: {@code java -jar fakeflickr.jar --port 8080 --photos 500 --sets 20 --seed 1
 * --consumer KEY:SECRET [--hostile] [--fault SPEC]...}. Prints the base URL, the consumer key and
 * secret and an issued access token, then serves until killed.
 *
 * <pre>{@code
 * java -jar flickrbackup-testkit/target/fakeflickr.jar --port 8080 --photos 500
 * }</pre>
 */
public final class FakeFlickrMain {
  private FakeFlickrMain() {}

  /**
   * Runs the fake until the process is killed.
   *
   * @param args the command line (see the class comment; {@code --help} prints it)
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("fakeflickr: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (o.help) {
      System.out.println(Options.USAGE);
      return;
    }
    FakeFlickr fake = build(o);
    fake.start();
    printBanner(fake, o, System.out);
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fakeflickr-shutdown"));
    forever.await();
  }

  static FakeFlickr build(Options o) {
    FakeAccount account = FakeAccount.generate(AccountSpec.seed(o.seed).photos(o.photos).sets(o.sets)
        .favorites(o.favorites).videoShare(o.videoShare).averageBytes(o.averageBytes).hostile(o.hostile));
    FakeFlickr.Builder b = FakeFlickr.builder().account(account).port(o.port).seed(o.seed).hourlyBudget(o.budget);
    if (o.consumerKey != null) b.consumer(o.consumerKey, o.consumerSecret);
    for (String spec : o.faults) b.fault(parseFault(spec));
    if (o.httpsKeyStore != null) b.https(Path.of(o.httpsKeyStore), o.httpsPassword);
    return b.build();
  }

  /**
   * A fault from the command line: {@code KIND[:ARG[:ARG]][@api|@media][/first=N|/every=N|/p=P]}
   * where KIND is {@code http} (status), {@code api} (error code), {@code ratelimit} (Retry-After
   * seconds, optional), {@code latency} (ms), {@code bandwidth} (bytes per second), {@code reset}
   * (bytes), {@code stall} (bytes:ms), {@code short} (missing items), {@code html} or {@code cdn}
   * (status 403, 404 or 410).
   * Examples: {@code http:503@api/first=2}, {@code reset:10000@media/every=5}, {@code latency:50/p=0.1}.
   */
  static Fault parseFault(String spec) {
    String rest = spec;
    String trigger = null;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      trigger = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
    }
    String scope = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      scope = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String[] parts = rest.split(":");
    Fault f;
    try {
      f = switch (parts[0]) {
        case "http" -> Fault.httpError(Integer.parseInt(arg(parts, 1, spec)));
        case "api" -> Fault.apiError(Integer.parseInt(arg(parts, 1, spec)));
        case "ratelimit" -> parts.length > 1 ? Fault.rateLimited(java.time.Duration.ofSeconds(Long.parseLong(parts[1]))) : Fault.rateLimited();
        case "latency" -> Fault.latency(java.time.Duration.ofMillis(Long.parseLong(arg(parts, 1, spec))));
        case "bandwidth" -> Fault.bandwidth(Long.parseLong(arg(parts, 1, spec)));
        case "reset" -> Fault.resetAfter(Long.parseLong(arg(parts, 1, spec)));
        case "stall" -> Fault.stallAfter(Long.parseLong(arg(parts, 1, spec)), java.time.Duration.ofMillis(Long.parseLong(arg(parts, 2, spec))));
        case "short" -> Fault.shortPage(Integer.parseInt(arg(parts, 1, spec)));
        case "html" -> Fault.htmlInsteadOfMedia();
        case "cdn" -> Fault.cdnError(Integer.parseInt(arg(parts, 1, spec)));
        default -> throw new IllegalArgumentException("unknown fault kind in --fault " + spec);
      };
      if (scope != null) {
        f = f.scopedTo(switch (scope) {
          case "api" -> FaultScope.API;
          case "media" -> FaultScope.MEDIA;
          case "all" -> FaultScope.ALL;
          default -> throw new IllegalArgumentException("scope must be api, media or all in --fault " + spec);
        });
      }
      if (trigger != null) {
        int eq = trigger.indexOf('=');
        if (eq < 0) throw new IllegalArgumentException("trigger must be first=N, every=N or p=P in --fault " + spec);
        String v = trigger.substring(eq + 1);
        f = switch (trigger.substring(0, eq)) {
          case "first" -> f.onFirst(Long.parseLong(v));
          case "every" -> f.everyNth(Long.parseLong(v));
          case "p" -> f.withProbability(Double.parseDouble(v), 1L);
          default -> throw new IllegalArgumentException("trigger must be first=N, every=N or p=P in --fault " + spec);
        };
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number in --fault " + spec, e);
    }
    return f;
  }

  private static String arg(String[] parts, int i, String spec) {
    if (parts.length <= i) throw new IllegalArgumentException("--fault " + spec + " needs more arguments");
    return parts[i];
  }

  static void printBanner(FakeFlickr fake, Options o, PrintStream out) {
    String key = o.consumerKey != null ? o.consumerKey : FakeFlickr.DEFAULT_CONSUMER_KEY;
    String secret = o.consumerKey != null ? o.consumerSecret : FakeFlickr.DEFAULT_CONSUMER_SECRET;
    TestToken t = fake.issueAccessToken(key);
    out.println("FAKE_FLICKR_BASE_URL=" + fake.baseUrl());
    out.println("FAKE_FLICKR_REST_URL=" + fake.restUrl());
    out.println("FAKE_FLICKR_CONSUMER_KEY=" + key);
    out.println("FAKE_FLICKR_CONSUMER_SECRET=" + secret);
    out.println("FAKE_FLICKR_TOKEN=" + t.token());
    out.println("FAKE_FLICKR_TOKEN_SECRET=" + t.secret());
    out.println("FAKE_FLICKR_USER_NSID=" + t.userNsid());
    out.println("FAKE_FLICKR_SIGNIN=" + fake.baseUrl().resolve(fake.signInPath().substring(1)) + " "
        + fake.signInCredentials().username() + " " + fake.signInCredentials().password());
    out.println("FAKE_FLICKR_ACCOUNT=" + fake.account());
    out.flush();
  }

  /** The parsed command line. */
  static final class Options {
    static final String USAGE = String.join("\n",
        "usage: java -jar fakeflickr.jar [options]",
        "  --port N            port on 127.0.0.1 (default 0: any free port)",
        "  --photos N          items in the generated account (default 100)",
        "  --sets N            sets (default 5)",
        "  --favorites N       favourites (default 10)",
        "  --video-share F     share of videos, 0..1 (default 0.1)",
        "  --average-bytes N   average photo size (default 20000)",
        "  --seed N            generator and token seed (default 1)",
        "  --consumer KEY:SECRET  register a consumer key (the default one always works)",
        "  --hourly-budget N   REST calls per key per hour before 429 (default 3600, 0 = unlimited)",
        "  --hostile           hostile titles, dates and video cases",
        "  --https FILE:PASSWORD  serve HTTPS with the key of this PKCS#12 file (its certificate must name 127.0.0.1)",
        "  --fault SPEC        inject a fault (repeatable): KIND[:ARG][@api|@media][/first=N|/every=N|/p=P]",
        "                      KIND: http:503 api:105 ratelimit[:SECS] latency:MS bandwidth:BPS reset:BYTES",
        "                            stall:BYTES:MS short:N html",
        "  --help");

    int port;
    int photos = 100;
    int sets = 5;
    int favorites = 10;
    double videoShare = 0.1;
    long averageBytes = 20_000;
    long seed = 1;
    int budget = 3600;
    String consumerKey;
    String consumerSecret;
    String httpsKeyStore;
    String httpsPassword;
    boolean hostile;
    boolean help;
    final List<String> faults = new ArrayList<>();

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--help", "-h" -> o.help = true;
          case "--hostile" -> o.hostile = true;
          case "--port" -> o.port = Integer.parseInt(value(args, ++i, a));
          case "--photos" -> o.photos = Integer.parseInt(value(args, ++i, a));
          case "--sets" -> o.sets = Integer.parseInt(value(args, ++i, a));
          case "--favorites" -> o.favorites = Integer.parseInt(value(args, ++i, a));
          case "--video-share" -> o.videoShare = Double.parseDouble(value(args, ++i, a));
          case "--average-bytes" -> o.averageBytes = Long.parseLong(value(args, ++i, a));
          case "--seed" -> o.seed = Long.parseLong(value(args, ++i, a));
          case "--hourly-budget" -> o.budget = Integer.parseInt(value(args, ++i, a));
          case "--consumer" -> {
            String v = value(args, ++i, a);
            int colon = v.indexOf(':');
            if (colon <= 0 || colon == v.length() - 1) throw new IllegalArgumentException("--consumer needs KEY:SECRET");
            o.consumerKey = v.substring(0, colon);
            o.consumerSecret = v.substring(colon + 1);
          }
          case "--https" -> {
            String v = value(args, ++i, a);
            int colon = v.lastIndexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("--https needs FILE:PASSWORD");
            o.httpsKeyStore = v.substring(0, colon);
            o.httpsPassword = v.substring(colon + 1);
          }
          case "--fault" -> {
            String spec = value(args, ++i, a);
            parseFault(spec);
            o.faults.add(spec);
          }
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      return o;
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
      return args[i];
    }
  }
}
