package io.github.flickrbackup.cli;

import io.github.flickrbackup.BackupException;
import io.github.flickrbackup.BackupListener;
import io.github.flickrbackup.BackupPlan;
import io.github.flickrbackup.BackupResult;
import io.github.flickrbackup.FlickrBackup;
import io.github.flickrbackup.SeedOptions;
import io.github.flickrbackup.SeedResult;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.metadata.XmpNaming;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrAuthorization;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrLogin;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.source.SessionProvider;
import io.github.flickrbackup.source.TokenStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The engine: core's public entry points, and nothing else. */
final class CoreEngine implements Engine {

  @Override
  public PhotoSource source(FlickrEndpoint endpoint, ApiKey key, AccessToken token, SessionProvider webSession,
      BackupListener listener) {
    var builder = FlickrSource.builder().endpoint(endpoint).apiKey(key).accessToken(token).listener(listener);
    if (webSession != null) {
      builder.webSession(webSession);
    }
    return builder.build();
  }

  @Override
  public List<MetadataWriter> metadataWriters(boolean jsonSidecars, XmpNaming xmp) {
    List<MetadataWriter> writers = new ArrayList<>(List.of(MetadataWriters.ini()));
    if (jsonSidecars) {
      writers.add(MetadataWriters.jsonSidecar());
    }
    if (xmp != null) {
      writers.add(MetadataWriters.xmpSidecar(xmp));
    }
    return List.copyOf(writers);
  }

  @Override
  public BackupResult run(BackupPlan plan) throws BackupException {
    return FlickrBackup.run(plan);
  }

  @Override
  public int findMissing(Path destination, Path csv) throws BackupException, IOException {
    return FlickrBackup.findMissing(destination, csv);
  }

  @Override
  public SeedResult seedFromExport(SeedOptions options) throws BackupException {
    return FlickrBackup.seedFromExport(options);
  }

  @Override
  public FlickrLogin login(FlickrEndpoint endpoint, ApiKey key, TokenStore tokens) {
    return FlickrLogin.of(endpoint, key, tokens);
  }

  @Override
  public AccessToken check(FlickrEndpoint endpoint, ApiKey key, AccessToken token) throws BackupException {
    return FlickrAuthorization.check(endpoint, key, token);
  }
}
