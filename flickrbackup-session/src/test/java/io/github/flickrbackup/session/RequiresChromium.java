package io.github.flickrbackup.session;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks tests that start real headless Chromium. They are skipped, with the reason, when
 * {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing or when
 * {@code -Dflickrbackup.skipBrowserTests=true} is given; with
 * {@code -Dflickrbackup.requireBrowserTests=true} (CI) a missing browser fails them instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(RequiresChromium.Condition.class)
@interface RequiresChromium {
  Path CHROMIUM = Path.of("/usr/bin/chromium");
  Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

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
      if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
        return ConditionEvaluationResult.disabled(CHROMIUM + " or " + CHROMEDRIVER
            + " is not installed (Debian: apt-get install chromium chromium-driver); browser tests skipped");
      }
      return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
    }
  }
}
