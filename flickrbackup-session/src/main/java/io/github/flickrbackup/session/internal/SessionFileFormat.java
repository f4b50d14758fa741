package io.github.flickrbackup.session.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.flickrbackup.session.CapturedSession;
import io.github.flickrbackup.source.SessionCookie;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session file's JSON, the Python flickrbackup's shape:
 * {@code {"cookies": [selenium cookie dicts], "localStorage": {...}, "url": "..."}}.
 *
 * <p>Read with a streaming parser so that every complaint names the line and the field.
 * Messages never quote cookie values.
 */
public final class SessionFileFormat {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private SessionFileFormat() {}

  /**
   * Parses a session file.
   *
   * @param json the file's bytes
   * @param source how to name the file in messages
   * @return the session, unfiltered
   * @throws IOException with a one-line message naming the line and field when malformed
   */
  public static CapturedSession parse(byte[] json, String source) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      return new Reader(p, source).session();
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new IOException(source + " is not valid JSON" + where + ": " + withoutQuotedText(e.getOriginalMessage()), e);
    }
  }

  /** Jackson quotes the offending token, which may be part of a secret. */
  static String withoutQuotedText(String message) {
    if (message == null) {
      return "malformed";
    }
    String firstLine = message.lines().findFirst().orElse("");
    return firstLine.replaceAll("'[^']{4,}'", "'...'");
  }

  /**
   * Formats a session as JSON the Python tool can read too.
   *
   * @param session the session
   * @return UTF-8 JSON
   */
  public static byte[] format(CapturedSession session) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeArrayFieldStart("cookies");
      for (SessionCookie c : session.cookies()) {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("value", c.value());
        g.writeStringField("domain", c.domain());
        g.writeStringField("path", c.path());
        g.writeBooleanField("secure", c.secure());
        g.writeBooleanField("httpOnly", c.httpOnly());
        if (c.expiry() != null) {
          g.writeNumberField("expiry", c.expiry().getEpochSecond());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("localStorage");
      for (Map.Entry<String, String> e : session.localStorage().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeStringField("url", session.url());
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory failed", e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static final class Reader {
    private final JsonParser p;
    private final String source;

    Reader(JsonParser p, String source) {
      this.p = p;
      this.source = source;
    }

    CapturedSession session() throws IOException {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new IOException(source + " is empty: it is not a session file");
      }
      if (first != JsonToken.START_OBJECT) {
        throw fail("the file must hold a JSON object {\"cookies\": [...], \"localStorage\": {...}, \"url\": \"...\"}");
      }
      List<SessionCookie> cookies = null;
      Map<String, String> storage = new LinkedHashMap<>();
      String url = "";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "cookies" -> cookies = cookies(value);
          case "localStorage" -> storage = storage(value);
          case "url" -> url = value == JsonToken.VALUE_NULL ? "" : string("url", value);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw fail("unexpected content after the session object");
      }
      if (cookies == null) {
        throw new IOException(source + " has no \"cookies\" field: it is not a session file");
      }
      return new CapturedSession(cookies, storage, url);
    }

    private List<SessionCookie> cookies(JsonToken token) throws IOException {
      if (token != JsonToken.START_ARRAY) {
        throw fail("\"cookies\" must be a list of cookies, not " + describe(token));
      }
      List<SessionCookie> cookies = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        cookies.add(cookie("cookies[" + cookies.size() + "]"));
      }
      return cookies;
    }

    private SessionCookie cookie(String at) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw fail(at + " must be a cookie object, not " + describe(p.currentToken()));
      }
      int line = p.currentTokenLocation().getLineNr();
      String name = null;
      String value = null;
      String domain = null;
      String path = "/";
      boolean secure = false;
      boolean httpOnly = false;
      Instant expiry = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken token = p.nextToken();
        String where = at + "." + field;
        switch (field) {
          case "name" -> name = string(where, token);
          case "value" -> value = secretString(where, token);
          case "domain" -> domain = string(where, token);
          case "path" -> path = token == JsonToken.VALUE_NULL ? "/" : string(where, token);
          case "secure" -> secure = bool(where, token);
          case "httpOnly" -> httpOnly = bool(where, token);
          case "expiry" -> expiry = expiry(where, token);
          default -> p.skipChildren(); // sameSite and whatever else a browser adds
        }
      }
      if (name == null || name.isBlank()) {
        throw failAt(line, at + " has no \"name\"");
      }
      if (value == null) {
        throw failAt(line, at + " (" + name + ") has no \"value\"");
      }
      if (domain == null || domain.isBlank()) {
        throw failAt(line, at + " (" + name + ") has no \"domain\": cannot tell which site it is for");
      }
      return new SessionCookie(name, value, domain, path, secure, httpOnly, expiry);
    }

    private Instant expiry(String where, JsonToken token) throws IOException {
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
        throw fail(where + " must be a number of seconds since 1970, not " + describe(token));
      }
      BigDecimal seconds = p.getDecimalValue();
      try {
        // Selenium for Python writes whole seconds; some browsers give fractions.
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
      } catch (ArithmeticException | DateTimeException tooBig) {
        throw fail(where + " is out of range: " + seconds);
      }
    }

    private Map<String, String> storage(JsonToken token) throws IOException {
      Map<String, String> storage = new LinkedHashMap<>();
      if (token == JsonToken.VALUE_NULL) {
        return storage;
      }
      if (token != JsonToken.START_OBJECT) {
        throw fail("\"localStorage\" must be an object of keys and values, not " + describe(token));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          throw fail("localStorage." + key + " must be a string, not " + describe(value));
        }
        // localStorage holds strings; a hand-edited number or boolean is kept as its text.
        storage.put(key, value == JsonToken.VALUE_NULL ? "" : p.getText());
      }
      return storage;
    }

    private String string(String where, JsonToken token) throws IOException {
      if (token != JsonToken.VALUE_STRING) {
        throw fail(where + " must be a string, not " + describe(token));
      }
      return p.getText();
    }

    private String secretString(String where, JsonToken token) throws IOException {
      if (token != JsonToken.VALUE_STRING) {
        // never quote the value itself: it may be a secret
        throw fail(where + " must be a string, not " + describe(token));
      }
      return p.getText();
    }

    private boolean bool(String where, JsonToken token) throws IOException {
      if (token == JsonToken.VALUE_TRUE) {
        return true;
      }
      if (token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL) {
        return false;
      }
      throw fail(where + " must be true or false, not " + describe(token));
    }

    private IOException fail(String message) {
      return failAt(p.currentTokenLocation().getLineNr(), message);
    }

    private IOException failAt(int line, String message) {
      return new IOException(source + " line " + line + ": " + message);
    }

    private static String describe(JsonToken token) {
      if (token == null) {
        return "the end of the file";
      }
      return switch (token) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "a list";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> token.toString();
      };
    }
  }
}
