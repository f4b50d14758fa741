package io.github.flickrbackup.internal.flickr;

import com.github.scribejava.core.builder.api.DefaultApi10a;
import java.net.URI;

/** scribejava's description of Flickr's OAuth 1.0a endpoints, under a configurable base. */
public final class FlickrOAuthApi extends DefaultApi10a {
  private final String base;

  /** @param oauthBase e.g. {@code https://www.flickr.com/services/oauth/} */
  public FlickrOAuthApi(URI oauthBase) {
    String s = oauthBase.toString();
    this.base = s.endsWith("/") ? s : s + "/";
  }

  @Override
  public String getRequestTokenEndpoint() {
    return base + "request_token";
  }

  @Override
  public String getAccessTokenEndpoint() {
    return base + "access_token";
  }

  @Override
  protected String getAuthorizationBaseUrl() {
    return base + "authorize";
  }
}
