package io.github.flickrbackup.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * The {@code /__fake/} endpoints: {@code GET account} (the whole account as JSON, with media URLs
 * and SHA-256), {@code GET stats}, {@code POST mutate} (a JSON mutation, see the README).
 */
final class Admin {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final FakeFlickr fake;

  Admin(FakeFlickr fake) {
    this.fake = fake;
  }

  MockResponse.Builder handle(RecordedRequest request, String what) {
    try {
      return switch (what) {
        case "account" -> json(200, this::account);
        case "stats" -> json(200, this::stats);
        case "mutate" -> {
          if (!"POST".equals(request.getMethod())) yield error(405, "POST a JSON mutation");
          yield mutate(request.getBody() == null ? "" : request.getBody().utf8());
        }
        default -> error(404, "unknown admin endpoint /__fake/" + what);
      };
    } catch (IllegalArgumentException | IllegalStateException e) {
      return error(400, e.getMessage());
    }
  }

  private interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private static MockResponse.Builder json(int code, Writer w) {
    Buffer buf = new Buffer();
    try (JsonGenerator g = FACTORY.createGenerator(buf.outputStream())) {
      g.useDefaultPrettyPrinter();
      w.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8").body(buf);
  }

  private static MockResponse.Builder error(int code, String message) {
    return json(code, g -> {
      g.writeStartObject();
      g.writeStringField("error", message);
      g.writeEndObject();
    });
  }

  private void account(JsonGenerator g) throws IOException {
    FakeAccount a = fake.account();
    AccountState st = a.state();
    java.net.URI base = fake.baseUrl();
    g.writeStartObject();
    g.writeObjectFieldStart("owner");
    g.writeStringField("nsid", st.owner.nsid());
    g.writeStringField("username", st.owner.username());
    g.writeStringField("realname", st.owner.realName());
    g.writeStringField("path_alias", st.owner.pathAlias());
    g.writeEndObject();
    g.writeArrayFieldStart("items");
    for (FakeItem i : st.items.values()) item(g, i, base);
    g.writeEndArray();
    g.writeArrayFieldStart("sets");
    for (FakeSet s : st.sets.values()) {
      g.writeStartObject();
      g.writeStringField("id", s.id());
      g.writeStringField("title", s.title());
      g.writeStringField("description", s.description());
      g.writeNumberField("date_create", s.created().getEpochSecond());
      g.writeNumberField("date_update", s.updated().getEpochSecond());
      g.writeStringField("primary", s.primaryId());
      g.writeArrayFieldStart("items");
      for (String id : s.itemIds()) g.writeString(id);
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("favorites");
    for (FakeItem f : st.favoritesByFavedDesc()) item(g, f, base);
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void item(JsonGenerator g, FakeItem i, java.net.URI base) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", i.id());
    g.writeStringField("owner", i.ownerNsid());
    g.writeStringField("media", i.isVideo() ? "video" : "photo");
    g.writeStringField("format", i.format().extension());
    g.writeStringField("title", i.title());
    g.writeStringField("description", i.description());
    g.writeStringField("secret", i.secret());
    g.writeStringField("originalsecret", i.originalSecret());
    g.writeStringField("server", i.server());
    g.writeStringField("taken", i.taken());
    g.writeNumberField("takengranularity", i.takenGranularity());
    g.writeBooleanField("takenunknown", i.takenUnknown());
    g.writeNumberField("dateupload", i.uploaded().getEpochSecond());
    g.writeNumberField("lastupdate", i.lastUpdate().getEpochSecond());
    if (i.faved() != null) g.writeNumberField("date_faved", i.faved().getEpochSecond());
    g.writeNumberField("bytes", i.bytes());
    g.writeStringField("sha256", i.sha256());
    g.writeStringField("media_url", i.mediaUrl(base).toString());
    g.writeBooleanField("needs_browser_session", i.needsBrowserSession());
    if (i.isVideo()) g.writeBooleanField("has_video_original", i.hasVideoOriginal());
    g.writeArrayFieldStart("sets");
    for (String s : i.sets()) g.writeString(s);
    g.writeEndArray();
    g.writeArrayFieldStart("tags");
    for (String t : i.tags()) g.writeString(t);
    g.writeEndArray();
    g.writeEndObject();
  }

  private void stats(JsonGenerator g) throws IOException {
    FakeStats s = fake.stats();
    g.writeStartObject();
    g.writeNumberField("api_calls", s.apiCalls());
    g.writeObjectFieldStart("api_calls_by_method");
    for (Map.Entry<String, Long> e : s.apiCallsByMethod().entrySet()) g.writeNumberField(e.getKey(), e.getValue());
    g.writeEndObject();
    g.writeNumberField("media_requests", s.mediaRequests());
    g.writeNumberField("media_bytes", s.mediaBytes());
    g.writeNumberField("oauth_calls", s.oauthCalls());
    g.writeNumberField("rate_limited", s.rateLimited());
    g.writeNumberField("faults_injected", s.faultsInjected());
    g.writeNumberField("requests", s.requests());
    g.writeNumberField("peak_concurrent_connections", s.peakConcurrentConnections());
    g.writeEndObject();
  }

  /**
   * Applies one mutation: {@code {"op":"edit","id":"1001","title":"t","description":"d","tags":["a"]}},
   * {@code {"op":"replace","id":"1001"}}, {@code {"op":"add","id":"9","media":"photo"|"video","title":"t","bytes":20000,"sets":["..."]}},
   * {@code {"op":"delete","id":"1001"}}, {@code {"op":"move","id":"1001","from":"S1","to":"S2"}},
   * {@code {"op":"renameSet","set":"S1","title":"t"}}, {@code {"op":"deleteSet","set":"S1"}}, {@code {"op":"fave","id":"2001"}},
   * {@code {"op":"unfave","id":"2001"}}, {@code {"op":"revoke","token":"..."}},
   * {@code {"op":"videoOriginal","id":"1004","offered":true}}.
   */
  private MockResponse.Builder mutate(String body) {
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (IOException e) {
      return error(400, "not JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject()) return error(400, "expected a JSON object with \"op\"");
    String op = n.path("op").asText("");
    FakeAccount a = fake.account();
    switch (op) {
      case "edit" -> a.editMetadata(req(n, "id"), e -> {
        if (n.has("title")) e.title(n.get("title").asText());
        if (n.has("description")) e.description(n.get("description").asText());
        if (n.has("tags")) e.tags(strings(n.get("tags")).toArray(String[]::new));
        if (n.has("taken")) e.taken(n.get("taken").asText());
      });
      case "replace" -> {
        if (n.has("bytes")) a.replaceMedia(req(n, "id"), n.get("bytes").asLong());
        else a.replaceMedia(req(n, "id"));
      }
      case "add" -> {
        boolean video = "video".equals(n.path("media").asText("photo"));
        java.util.function.Consumer<FakeItem.Builder> spec = b -> {
          if (n.has("title")) b.title(n.get("title").asText());
          if (n.has("bytes")) b.bytes(n.get("bytes").asLong());
          if (n.has("format")) b.format(MediaFormat.valueOf(n.get("format").asText().toUpperCase(java.util.Locale.ROOT)));
          if (n.has("sets")) b.inSets(strings(n.get("sets")).toArray(String[]::new));
        };
        if (video) a.addVideo(req(n, "id"), spec);
        else a.addPhoto(req(n, "id"), spec);
      }
      case "videoOriginal" -> a.setVideoOriginal(req(n, "id"), n.path("offered").asBoolean(true));
      case "delete" -> a.delete(req(n, "id"));
      case "move" -> a.moveToSet(req(n, "id"), n.hasNonNull("from") ? n.get("from").asText() : null,
          n.hasNonNull("to") ? n.get("to").asText() : null);
      case "renameSet" -> a.renameSet(req(n, "set"), req(n, "title"));
      case "deleteSet" -> a.deleteSet(req(n, "set"));
      case "fave" -> a.fave(req(n, "id"));
      case "unfave" -> a.unfave(req(n, "id"));
      case "revoke" -> fake.revokeToken(req(n, "token"));
      default -> {
        return error(400, "unknown op \"" + op + "\"");
      }
    }
    return json(200, g -> {
      g.writeStartObject();
      g.writeStringField("ok", op);
      g.writeEndObject();
    });
  }

  private static String req(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.asText().isEmpty()) throw new IllegalArgumentException("missing \"" + field + "\"");
    return v.asText();
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(x -> out.add(x.asText()));
    return out;
  }
}
