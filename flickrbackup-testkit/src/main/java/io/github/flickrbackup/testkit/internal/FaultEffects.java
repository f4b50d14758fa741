package io.github.flickrbackup.testkit.internal;

import io.github.flickrbackup.testkit.Fault;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.ForwardingSink;
import okio.Okio;
import okio.Sink;

/**
 * Turns {@link Fault}s into MockWebServer responses: replacing faults build a whole answer,
 * modifying faults alter the delivery of an answer whose body is already set.
 *
 * <pre>{@code
 * FaultPlan.Decision d = plan.decide(FaultPlan.Request.api(method, photoId));
 * MockResponse.Builder answer = d.replacement()
 *     .map(f -> FaultEffects.replacement(f, (code, msg) -> envelope(format, code, msg)))
 *     .orElseGet(() -> normalAnswer());                   // body set here
 * FaultEffects.applyModifiers(answer, d.modifiers());
 * }</pre>
 */
public final class FaultEffects {
  /** The granularity of bandwidth limits: the body is released in slices every 100 ms. */
  private static final long THROTTLE_PERIOD_MS = 100;

  private FaultEffects() {}

  /**
   * Builds Flickr's {@code stat=fail} answer (HTTP 200) in the request's format (XML, JSON,
   * JSONP); the dispatcher knows the format, so it supplies this.
   */
  @FunctionalInterface
  public interface ApiErrorRenderer {
    /** A complete answer carrying error {@code code} with {@code message}. */
    MockResponse.Builder render(int code, String message);
  }

  /** Flickr's message for an error code that a fault injects. */
  public static String apiErrorMessage(int code) {
    return switch (code) {
      case 105 -> "Service currently unavailable";
      case 106 -> "Write operation failed";
      case 96 -> "Invalid signature";
      case 97 -> "Missing signature";
      case 98 -> "Invalid auth token";
      case 99 -> "Insufficient permissions";
      case 100 -> "Invalid API Key";
      case 1 -> "Photo not found";
      case 2 -> "Permission denied";
      default -> "Error " + code;
    };
  }

  /**
   * The answer of a replacing fault: HTML 5xx, the 105 envelope (through {@code apiErrors}),
   * 429 with optional {@code Retry-After}, the CDN's HTML page with status 200, or a CDN 403/404/410.
   *
   * @throws IllegalArgumentException if the fault does not replace responses
   */
  public static MockResponse.Builder replacement(Fault fault, ApiErrorRenderer apiErrors) {
    Objects.requireNonNull(fault, "fault");
    return switch (fault.kind()) {
      case HTTP_ERROR -> html(fault.status(), WebPages.errorBody(fault.status()));
      case RATE_LIMITED -> {
        MockResponse.Builder b = html(429, WebPages.errorBody(429));
        if (fault.retryAfter() != null) {
          Duration d = fault.retryAfter();
          long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
          b.setHeader("Retry-After", Long.toString(seconds));
        }
        yield b;
      }
      case API_ERROR -> Objects.requireNonNull(apiErrors, "apiErrors").render(fault.code(), apiErrorMessage(fault.code()));
      case HTML_INSTEAD_OF_MEDIA -> html(200, WebPages.cdnHtmlInsteadOfMedia());
      case CDN_ERROR -> html(fault.status(), WebPages.errorBody(fault.status()));
      default -> throw new IllegalArgumentException(fault + " does not replace the response");
    };
  }

  private static MockResponse.Builder html(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "text/html; charset=utf-8").body(body);
  }

  /** Applies each modifier in order (see {@link #applyModifier}). */
  public static MockResponse.Builder applyModifiers(MockResponse.Builder response, java.util.List<Fault> modifiers) {
    for (Fault f : modifiers) {
      applyModifier(response, f);
    }
    return response;
  }

  /**
   * Alters the delivery of {@code response}, whose body must already be set: LATENCY delays the
   * headers, BANDWIDTH throttles the body, STALL pauses after {@code bytes()} bytes of the body,
   * RESET_AFTER_BYTES drops the connection after {@code bytes()} bytes of the body (Content-Length
   * still announces the whole body, so the client sees a truncated answer).
   *
   * @throws IllegalArgumentException for a replacing fault or SHORT_PAGE
   */
  public static MockResponse.Builder applyModifier(MockResponse.Builder response, Fault fault) {
    Objects.requireNonNull(response, "response");
    switch (fault.kind()) {
      case LATENCY -> response.headersDelay(fault.duration().toNanos(), TimeUnit.NANOSECONDS);
      case BANDWIDTH -> {
        long perPeriod = Math.max(1, fault.bytes() * THROTTLE_PERIOD_MS / 1000);
        long period = fault.bytes() * THROTTLE_PERIOD_MS / 1000 >= 1
            ? THROTTLE_PERIOD_MS : Math.max(1, 1000 / fault.bytes());
        response.throttleBody(perPeriod, period, TimeUnit.MILLISECONDS);
      }
      case STALL -> {
        if (fault.bytes() == 0) {
          response.bodyDelay(fault.duration().toNanos(), TimeUnit.NANOSECONDS);
        } else {
          response.body(new StallingBody(bodyOf(response), fault.bytes(), fault.duration()));
        }
      }
      case RESET_AFTER_BYTES -> response.body(new ResettingBody(bodyOf(response), fault.bytes()));
      default -> throw new IllegalArgumentException(fault + " is not a delivery modifier");
    }
    return response;
  }

  private static MockResponseBody bodyOf(MockResponse.Builder response) {
    MockResponseBody body = response.getBody();
    return body != null ? body : new BufferBody(new Buffer());
  }

  /** Writes the first bytes of a body into a sink that refuses more after a limit. */
  private static final class LimitedSink extends ForwardingSink {
    private long remaining;

    LimitedSink(Sink delegate, long limit) {
      super(delegate);
      this.remaining = limit;
    }

    @Override
    public void write(Buffer source, long byteCount) throws IOException {
      long n = Math.min(byteCount, remaining);
      if (n > 0) {
        super.write(source, n);
        remaining -= n;
      }
      if (n < byteCount) {
        source.skip(byteCount - n);
        throw new LimitReached();
      }
    }
  }

  /** Thrown inside a body write when its limit is reached, to stop the writer early. */
  private static final class LimitReached extends IOException {
    private static final long serialVersionUID = 1L;

    LimitReached() {
      super("fault limit reached", null);
    }
  }

  /** The first {@code limit} bytes of a body, then a failure that makes MockWebServer drop the socket. */
  private static final class ResettingBody implements MockResponseBody {
    private final MockResponseBody delegate;
    private final long limit;

    ResettingBody(MockResponseBody delegate, long limit) {
      this.delegate = delegate;
      this.limit = limit;
    }

    @Override
    public long getContentLength() {
      return delegate.getContentLength();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      LimitedSink limited = new LimitedSink(sink, limit);
      BufferedSink buffered = Okio.buffer(limited);
      try {
        delegate.writeTo(buffered);
        buffered.flush();
      } catch (LimitReached expected) {
        // fall through to the reset below
      }
      sink.flush();
      throw new SocketException("fault: connection reset after " + limit + " bytes of the body");
    }
  }

  /** Writes {@code after} bytes, pauses, then the rest. */
  private static final class StallingBody implements MockResponseBody {
    private final MockResponseBody delegate;
    private final long after;
    private final Duration pause;

    StallingBody(MockResponseBody delegate, long after, Duration pause) {
      this.delegate = delegate;
      this.after = after;
      this.pause = pause;
    }

    @Override
    public long getContentLength() {
      return delegate.getContentLength();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      PausingSink pausing = new PausingSink(sink, after, pause);
      BufferedSink buffered = Okio.buffer(pausing);
      delegate.writeTo(buffered);
      buffered.flush();
      if (!pausing.paused) {
        pausing.pause(); // a body no longer than the offset: pause at its end
      }
    }
  }

  /** Forwards bytes; once {@code after} bytes have passed, flushes and sleeps once. */
  private static final class PausingSink extends ForwardingSink {
    private final BufferedSink target;
    private final Duration pause;
    private long remaining;
    private boolean paused;

    PausingSink(BufferedSink target, long after, Duration pause) {
      super(target);
      this.target = target;
      this.remaining = after;
      this.pause = pause;
    }

    @Override
    public void write(Buffer source, long byteCount) throws IOException {
      if (!paused && byteCount >= remaining) {
        super.write(source, remaining);
        byteCount -= remaining;
        remaining = 0;
        pause();
      } else if (!paused) {
        remaining -= byteCount;
      }
      if (byteCount > 0) {
        super.write(source, byteCount);
      }
    }

    void pause() throws IOException {
      paused = true;
      target.flush();
      try {
        Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("stall interrupted");
      }
    }
  }

  /** An in-memory body. */
  private static final class BufferBody implements MockResponseBody {
    private final Buffer buffer;

    BufferBody(Buffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public long getContentLength() {
      return buffer.size();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(buffer.clone(), buffer.size());
    }
  }
}
