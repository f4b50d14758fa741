package io.github.flickrbackup.session;

import io.github.flickrbackup.session.internal.Drivers;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks tests that start real headless Chromium. They look for the browser and driver the way
 * {@link BrowserSessionCapture} does by default ({@link Drivers}), so they run wherever a capture
 * would work, not only where the programs sit at Debian's paths. They are skipped, with the
 * reason, when either is missing or when {@code -Dflickrbackup.skipBrowserTests=true} is given;
 * with {@code -Dflickrbackup.requireBrowserTests=true} (CI) a missing browser fails them instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(RequiresChromium.Condition.class)
@interface RequiresChromium {

  /** Decides whether browser tests run. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (Boolean.getBoolean("flickrbackup.skipBrowserTests")) {
        return ConditionEvaluationResult.disabled("browser tests skipped by -Dflickrbackup.skipBrowserTests=true");
      }
      if (Boolean.getBoolean("flickrbackup.requireBrowserTests")) {
        return ConditionEvaluationResult.enabled("-Dflickrbackup.requireBrowserTests=true: a missing browser fails");
      }
      Path browser = Drivers.defaultBrowserBinary(Browser.CHROME);
      Path driver = Drivers.defaultDriverBinary(Browser.CHROME);
      if (browser == null || driver == null) {
        return ConditionEvaluationResult.disabled((browser == null ? "no Chromium or Chrome in /usr/bin" : "")
            + (browser == null && driver == null ? " and " : "")
            + (driver == null ? "no chromedriver in /usr/bin or on the PATH" : "")
            + " (Debian: apt-get install chromium chromium-driver); browser tests skipped");
      }
      return ConditionEvaluationResult.enabled("Chromium " + browser + " and chromedriver " + driver + " are installed");
    }
  }
}
