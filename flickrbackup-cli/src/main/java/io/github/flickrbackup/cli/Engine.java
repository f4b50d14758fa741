package io.github.flickrbackup.cli;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.SeedOptions;
import io.github.flickrbackup.SeedResult;
import io.github.flickrbackup.CompletenessReport;
import io.github.flickrbackup.FlickrBackup;
import io.github.flickrbackup.VerifyResult;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.metadata.XmpNaming;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrLogin;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.SessionProvider;
import io.github.flickrbackup.source.TokenStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The calls the command makes into core, in one place: the command line binds options and
 * prints, the engine does the work. {@link CoreEngine} is the one implementation.
 */
interface Engine {

  /**
   * A source reading the account of {@code token} on {@code endpoint}.
   *
   * @param webSession cookies of a browser session, or {@code null}
   */
  PhotoSource source(FlickrEndpoint endpoint, ApiKey key, AccessToken token, SessionProvider webSession,
      BackupListener listener);

  /**
   * The metadata writers: the INI {@code .txt} always, JSON and XMP sidecars when asked.
   *
   * @param xmp how XMP sidecars are named, or {@code null} for none
   */
  List<MetadataWriter> metadataWriters(boolean jsonSidecars, XmpNaming xmp);

  /** Runs a plan. */
  BackupResult run(BackupPlan plan) throws BackupException;

  /** Writes the CSV of metadata files whose media is missing; returns how many. */
  int findMissing(Path destination, Path csv) throws BackupException, IOException;

  /** Seeds a destination from Flickr's data export. */
  SeedResult seedFromExport(SeedOptions options) throws BackupException;
  /** Verifies a backup, and repairs it if asked. */
  default VerifyResult verify(BackupPlan plan, boolean repair) throws BackupException {
    return repair ? FlickrBackup.repair(plan) : FlickrBackup.verify(plan);
  }

  /** The completeness report the last run or verify wrote, if any. */
  default Optional<CompletenessReport> lastReport(Path stateDirectory) throws IOException {
    return FlickrBackup.lastReport(stateDirectory);
  }

  /** Checks, reuses and renews the token kept in {@code tokens}. */
  FlickrLogin login(FlickrEndpoint endpoint, ApiKey key, TokenStore tokens);

  /**
   * Checks a token with {@code flickr.test.login}.
   *
   * @return the token with the account's NSID and user name filled in
   * @throws io.github.flickrbackup.AuthenticationException if Flickr refuses it
   */
  AccessToken check(FlickrEndpoint endpoint, ApiKey key, AccessToken token) throws BackupException;
}
