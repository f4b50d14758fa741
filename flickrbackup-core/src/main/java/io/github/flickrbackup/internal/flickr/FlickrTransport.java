package io.github.flickrbackup.internal.flickr;

import com.flickr4java.flickr.RESTResponse;
import com.flickr4java.flickr.Response;
import com.flickr4java.flickr.Transport;
import com.flickr4java.flickr.uploader.Payload;
import com.flickr4java.flickr.uploader.UploadMetaData;
import io.github.flickrbackup.internal.resilience.Resilience;
import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * flickr4java's {@link Transport} on our {@link RestClient}: flickr4java's interfaces and models
 * keep working, while every call goes through the shared OkHttp client, is signed for this
 * source's token explicitly (no thread-local {@code RequestContext}), is rate-limited and
 * retried, and keeps the HTTP status and {@code Retry-After} (as {@code CallFailure}).
 */
final class FlickrTransport extends Transport {
  private final RestClient rest;
  private final Resilience resilience;

  FlickrTransport(RestClient rest, Resilience resilience) {
    this.rest = rest;
    this.resilience = resilience;
    setTransportType(REST);
    setPath("/services/rest/");
    setResponseClass(RESTResponse.class);
  }

  @Override
  public Response get(String path, Map<String, Object> parameters, String apiKey, String sharedSecret) {
    Map<String, String> params = new LinkedHashMap<>();
    parameters.forEach((k, v) -> params.put(k, String.valueOf(v)));
    String method = params.remove("method");
    // flickr4java adds api_key for unsigned calls; ours are always signed with the consumer key.
    params.remove("api_key");
    Element rsp = resilience.api(method, () -> rest.call(method, params));
    RESTResponse response = new RESTResponse();
    response.parse(rsp.getOwnerDocument());
    return response;
  }

  /**
   * flickr4java POSTs a few read methods (e.g. {@code flickr.test.login}); Flickr accepts every
   * read method as a GET, and this source never writes, so they go out as signed GETs.
   */
  @Override
  public Response post(String path, Map<String, Object> parameters, String apiKey, String sharedSecret) {
    return get(path, parameters, apiKey, sharedSecret);
  }

  @Override
  public Response postMultiPart(String path, UploadMetaData metaData, Payload payload, String apiKey,
      String sharedSecret) {
    throw new UnsupportedOperationException("flickrbackup never uploads");
  }

  @Override
  public Response getNonOAuth(String path, Map<String, String> parameters) {
    throw new UnsupportedOperationException("every call is signed");
  }
}
