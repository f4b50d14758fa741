package io.github.flickrbackup.source;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where Flickr is: the REST API, the OAuth endpoints, the web site (sign-in page, video
 * pages) and the hosts media may come from. {@link #flickr()} is the real Flickr;
 * {@link #at(URI)} points everything at one server, such as the testkit's fake or a proxy.
 *
 * <pre>{@code
 * FlickrEndpoint real = FlickrEndpoint.flickr();
 * FlickrEndpoint fake = FlickrEndpoint.at(URI.create("http://127.0.0.1:8080/"));
 * }</pre>
 *
 * @param rest the REST endpoint, e.g. {@code https://api.flickr.com/services/rest/}
 * @param oauth the OAuth base, e.g. {@code https://www.flickr.com/services/oauth/}
 * @param web the web site, e.g. {@code https://www.flickr.com/}
 * @param signIn the page where a user signs in with a browser
 * @param mediaHosts host names media may be downloaded from; {@code *.example.com} matches
 *     subdomains. Downloads and redirects to any other host are refused.
 */
public record FlickrEndpoint(URI rest, URI oauth, URI web, URI signIn, Set<String> mediaHosts) {

  /**
   * Validates the endpoint.
   *
   * @param rest the REST endpoint, e.g. {@code https://api.flickr.com/services/rest/}
   * @param oauth the OAuth base, e.g. {@code https://www.flickr.com/services/oauth/}
   * @param web the web site, e.g. {@code https://www.flickr.com/}
   * @param signIn the page where a user signs in with a browser
   * @param mediaHosts host names media may be downloaded from; {@code *.example.com} matches
   *     subdomains. Downloads and redirects to any other host are refused.
   */
  public FlickrEndpoint {
    rest = absolute(rest, "rest");
    oauth = absolute(oauth, "oauth");
    web = absolute(web, "web");
    signIn = absolute(signIn, "signIn");
    mediaHosts = Set.copyOf(Objects.requireNonNull(mediaHosts, "mediaHosts"));
    if (mediaHosts.isEmpty()) {
      throw new IllegalArgumentException("mediaHosts is empty: no media could be downloaded");
    }
  }

  private static URI absolute(URI uri, String what) {
    Objects.requireNonNull(uri, what);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(what + " URL must be an absolute http(s) URL: " + uri);
    }
    return uri;
  }

  /**
   * The real Flickr.
   *
   * @return the endpoint of flickr.com
   */
  public static FlickrEndpoint flickr() {
    return new FlickrEndpoint(
        URI.create("https://api.flickr.com/services/rest/"),
        URI.create("https://www.flickr.com/services/oauth/"),
        URI.create("https://www.flickr.com/"),
        URI.create("https://www.flickr.com/signin"),
        Set.of("*.flickr.com", "flickr.com", "*.staticflickr.com", "*.flickr.net"));
  }

  /**
   * Everything on one server: REST at {@code base/services/rest/}, OAuth at
   * {@code base/services/oauth/}, the sign-in page at {@code base/signin}, media only from
   * the base's host.
   *
   * @param base an absolute http(s) URL; a missing trailing slash is added
   * @return the endpoint
   * @throws IllegalArgumentException if {@code base} is not an absolute http(s) URL
   */
  public static FlickrEndpoint at(URI base) {
    Objects.requireNonNull(base, "base");
    String s = base.toString();
    URI root = URI.create(s.endsWith("/") ? s : s + "/");
    absolute(root, "base");
    return new FlickrEndpoint(
        root.resolve("services/rest/"),
        root.resolve("services/oauth/"),
        root,
        root.resolve("signin"),
        Set.of(root.getHost().toLowerCase(Locale.ROOT)));
  }

  /**
   * Whether media may be fetched from (and session cookies sent to) this host.
   *
   * @param host a host name
   * @return true if it is one of {@link #mediaHosts()}
   */
  public boolean isMediaHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    for (String pattern : mediaHosts) {
      String p = pattern.toLowerCase(Locale.ROOT);
      if (p.startsWith("*.") ? h.endsWith(p.substring(1)) : h.equals(p)) {
        return true;
      }
    }
    return false;
  }
}
