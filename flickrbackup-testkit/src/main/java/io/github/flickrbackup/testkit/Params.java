package io.github.flickrbackup.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A request's parameters from every place OAuth 1.0a allows: the query, a form body and the
 * {@code Authorization: OAuth} header. Keeps the raw pairs (for the signature base string) and a
 * first-value map for lookups.
 */
final class Params {
  /** Decoded name/value pairs from the query and the form body (not the header). */
  final List<String[]> pairs = new ArrayList<>();
  /** Decoded {@code oauth_*} pairs from the Authorization header (without realm). */
  final List<String[]> headerPairs = new ArrayList<>();
  private final Map<String, String> first = new LinkedHashMap<>();

  static Params of(RecordedRequest request) {
    Params p = new Params();
    HttpUrl url = request.getUrl();
    for (int i = 0; i < url.querySize(); i++) {
      String v = url.queryParameterValue(i);
      p.add(p.pairs, url.queryParameterName(i), v == null ? "" : v);
    }
    String contentType = request.getHeaders().get("Content-Type");
    if (request.getBody() != null && request.getBody().size() > 0 && contentType != null
        && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      parseForm(p, request.getBody().utf8());
    }
    String auth = request.getHeaders().get("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "OAuth ", 0, 6)) {
      for (String part : auth.substring(6).split(",")) {
        int eq = part.indexOf('=');
        if (eq < 0) continue;
        String name = decode(part.substring(0, eq).trim());
        String value = part.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) value = value.substring(1, value.length() - 1);
        if (name.equals("realm")) continue;
        p.add(p.headerPairs, name, decode(value));
      }
    }
    return p;
  }

  private static void parseForm(Params p, String body) {
    for (String part : body.split("&")) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      p.add(p.pairs, decode(name), decode(value));
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private void add(List<String[]> list, String name, String value) {
    list.add(new String[] {name, value});
    first.putIfAbsent(name, value);
  }

  /** Parameters from name, value pairs (tests and benchmarks). */
  static Params forTest(String... nameValues) {
    Params p = new Params();
    for (int i = 0; i < nameValues.length; i += 2) p.add(p.pairs, nameValues[i], nameValues[i + 1]);
    return p;
  }

  /** The first value of a parameter, or null. */
  String get(String name) {
    return first.get(name);
  }

  /** The first value, or null when absent or empty. */
  String nonEmpty(String name) {
    String v = first.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** Every pair (query, body, header) for the signature base string. */
  List<String[]> all() {
    List<String[]> all = new ArrayList<>(pairs);
    all.addAll(headerPairs);
    return all;
  }
}
