package io.github.flickrbackup.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Streams one REST answer in Flickr's XML or its XML-to-JSON mapping: attributes become members,
 * text becomes {@code _content}, repeated elements become arrays. Callers choose per attribute
 * whether JSON gets a string or a number, mixing them as Flickr does.
 */
abstract class Out {
  /** Whether this writes JSON (some answers order members differently in JSON). */
  abstract boolean json();

  /** Starts the {@code <rsp stat="ok">} envelope. */
  abstract void begin();

  /** Ends the envelope. */
  abstract void finish();

  /** A single child element (JSON: an object member). */
  abstract void start(String name);

  /** A run of repeated elements (JSON: an array member, present even when empty). */
  abstract void startList(String name);

  /** One element of the current list (JSON: an array entry). */
  abstract void startItem(String name);

  /** Ends a list. */
  abstract void endList();

  /** Ends the current element or item. */
  abstract void end();

  /** A string attribute. */
  abstract void attr(String name, String value);

  /** A numeric attribute: a JSON number. */
  abstract void num(String name, long value);

  /** A numeric attribute written as a JSON string, as Flickr often does. */
  final void numStr(String name, long value) {
    attr(name, Long.toString(value));
  }

  /** A decimal attribute: a JSON number. */
  abstract void dec(String name, double value);

  /** A child element holding only text (JSON: {@code "name":{"_content":"text"}}). */
  abstract void text(String name, String text);

  /** The current element's text (JSON: {@code "_content"}). */
  abstract void content(String text);

  static Out xml(OutputStream os) {
    return new Xml(os);
  }

  static Out json(OutputStream os, String callback) {
    return new Json(os, callback);
  }

  /**
   * This writer with some attributes served as other raw strings (see {@link
   * FakeItem.Builder#rawAttribute}); use it only while writing one element's attributes.
   */
  Out overriding(Map<String, String> raw) {
    return raw.isEmpty() ? this : new Overriding(this, raw);
  }

  /** Replaces the value of chosen attributes; everything else goes to the wrapped writer. */
  private static final class Overriding extends Out {
    private final Out out;
    private final Map<String, String> raw;

    Overriding(Out out, Map<String, String> raw) {
      this.out = out;
      this.raw = raw;
    }

    @Override boolean json() { return out.json(); }
    @Override void begin() { out.begin(); }
    @Override void finish() { out.finish(); }
    @Override void start(String name) { out.start(name); }
    @Override void startList(String name) { out.startList(name); }
    @Override void startItem(String name) { out.startItem(name); }
    @Override void endList() { out.endList(); }
    @Override void end() { out.end(); }
    @Override void text(String name, String text) { out.text(name, text); }
    @Override void content(String text) { out.content(text); }

    @Override
    void attr(String name, String value) {
      out.attr(name, raw.getOrDefault(name, value));
    }

    @Override
    void num(String name, long value) {
      if (raw.containsKey(name)) out.attr(name, raw.get(name));
      else out.num(name, value);
    }

    @Override
    void dec(String name, double value) {
      if (raw.containsKey(name)) out.attr(name, raw.get(name));
      else out.dec(name, value);
    }
  }

  /** A small streaming XML writer; the element shapes are fixed, so no DOM is needed. */
  static final class Xml extends Out {
    private final OutputStream os;
    private final StringBuilder w = new StringBuilder(8192);
    private final Deque<String> names = new ArrayDeque<>();
    private boolean tagOpen;
    private boolean afterContent;

    Xml(OutputStream os) {
      this.os = os;
    }

    @Override boolean json() { return false; }

    @Override
    void begin() {
      write("<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"ok\">\n");
    }

    @Override
    void finish() {
      write("</rsp>\n");
      try {
        Writer out = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        out.append(w);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void start(String name) {
      if (tagOpen) write(">\n");
      indent();
      write("<");
      write(name);
      names.push(name);
      tagOpen = true;
      afterContent = false;
    }

    @Override void startList(String name) { }
    @Override void startItem(String name) { start(name); }
    @Override void endList() { }

    @Override
    void end() {
      String name = names.pop();
      if (tagOpen) {
        write(" />\n");
      } else {
        if (!afterContent) indent();
        write("</");
        write(name);
        write(">\n");
      }
      tagOpen = false;
      afterContent = false;
    }

    @Override
    void attr(String name, String value) {
      write(" ");
      write(name);
      write("=\"");
      escape(value, true);
      write("\"");
    }

    @Override void num(String name, long value) { attr(name, Long.toString(value)); }
    @Override void dec(String name, double value) { attr(name, Double.toString(value)); }

    @Override
    void text(String name, String text) {
      start(name);
      if (text.isEmpty()) {
        end();
        return;
      }
      content(text);
      end();
    }

    @Override
    void content(String text) {
      if (tagOpen) {
        write(">");
        tagOpen = false;
      }
      escape(text, false);
      afterContent = true;
    }

    private void indent() {
      for (int i = 0; i < names.size(); i++) w.append('\t');
    }

    private void write(String s) {
      w.append(s);
    }

    /**
     * Escapes markup; drops characters XML 1.0 cannot carry at all (NUL and most C0 controls), as a
     * well-formed answer must. JSON answers keep them.
     */
    private void escape(String s, boolean attribute) {
      StringBuilder sb = w;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '&' -> sb.append("&amp;");
          case '<' -> sb.append("&lt;");
          case '>' -> sb.append("&gt;");
          case '"' -> sb.append(attribute ? "&quot;" : "\"");
          case '\n' -> sb.append(attribute ? "&#10;" : "\n");
          case '\r' -> sb.append("&#13;");
          case '\t' -> sb.append(attribute ? "&#9;" : "\t");
          default -> {
            if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) sb.append(c);
          }
        }
      }
    }
  }

  /** Jackson's streaming generator, escaping {@code /} as {@code \/} like Flickr. */
  static final class Json extends Out {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final CharacterEscapes SLASH = new CharacterEscapes() {
      private final int[] table;
      {
        int[] t = CharacterEscapes.standardAsciiEscapesForJSON();
        t['/'] = CharacterEscapes.ESCAPE_CUSTOM;
        table = t;
      }

      @Override public int[] getEscapeCodesForAscii() { return table; }

      @Override
      public SerializableString getEscapeSequence(int ch) {
        return ch == '/' ? new SerializedString("\\/") : null;
      }
    };

    private final OutputStream os;
    private final String callback;
    private final JsonGenerator g;

    Json(OutputStream os, String callback) {
      this.os = os;
      this.callback = callback;
      try {
        this.g = FACTORY.createGenerator(os);
        g.setCharacterEscapes(SLASH);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override boolean json() { return true; }

    @Override
    void begin() {
      try {
        if (callback != null) os.write((callback + "(").getBytes(StandardCharsets.UTF_8));
        g.writeStartObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void finish() {
      try {
        g.writeStringField("stat", "ok");
        g.writeEndObject();
        g.flush();
        if (callback != null) os.write(')');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void start(String name) {
      try {
        g.writeObjectFieldStart(name);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void startList(String name) {
      try {
        g.writeArrayFieldStart(name);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void startItem(String name) {
      try {
        g.writeStartObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void endList() {
      try {
        g.writeEndArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void end() {
      try {
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void attr(String name, String value) {
      try {
        g.writeStringField(name, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void num(String name, long value) {
      try {
        g.writeNumberField(name, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void dec(String name, double value) {
      try {
        g.writeNumberField(name, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void text(String name, String text) {
      start(name);
      content(text);
      end();
    }

    @Override
    void content(String text) {
      attr("_content", text);
    }
  }
}
