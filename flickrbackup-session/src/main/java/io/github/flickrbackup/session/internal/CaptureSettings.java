package io.github.flickrbackup.session.internal;

import io.github.flickrbackup.session.Browser;
import io.github.flickrbackup.session.BrowserPage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Everything a capture needs, resolved and validated by the public builder.
 *
 * @param browser which browser
 * @param signIn the page to open
 * @param browserBinary the browser program, or {@code null} to let the driver find it
 * @param driverBinary the WebDriver program
 * @param headless without a window
 * @param timeout how long to wait for a sign-in
 * @param pollInterval how often to look at the cookies
 * @param sessionCookieNames any of these cookies, not empty, means signed in
 * @param enterPressed true once the user says they have signed in
 * @param onSignInPage runs once the sign-in page has loaded
 * @param warnings receives warnings
 */
public record CaptureSettings(
    Browser browser, URI signIn, Path browserBinary, Path driverBinary, boolean headless,
    Duration timeout, Duration pollInterval, Set<String> sessionCookieNames,
    BooleanSupplier enterPressed, Consumer<BrowserPage> onSignInPage, Consumer<String> warnings) {}
