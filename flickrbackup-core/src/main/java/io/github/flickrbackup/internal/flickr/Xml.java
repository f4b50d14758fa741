package io.github.flickrbackup.internal.flickr;

import io.github.flickrbackup.internal.resilience.CallFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Hardened XML parsing of Flickr answers (no DTDs, no external entities) and DOM helpers. */
final class Xml {
  private static final DocumentBuilderFactory FACTORY = factory();

  private Xml() {}

  private static DocumentBuilderFactory factory() {
    // The JDK's own parser, whose features below are known: no search of the class path for
    // another one (a service lookup through the whole jar, at start-up).
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    try {
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser cannot be hardened", e);
    }
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setNamespaceAware(false);
    return f;
  }

  /**
   * Parses a body; anything unparsable (HTML, truncated, a DOCTYPE) is a transient failure.
   *
   * @param body the bytes
   * @param what the method, for messages
   */
  static Document parse(byte[] body, String what) {
    try {
      DocumentBuilder b = FACTORY.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(body));
    } catch (SAXException | IOException e) {
      throw CallFailure.transientFailure(what + ": unparsable answer (" + e.getMessage() + ")", e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first child element with this name, or null. */
  static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** Every child element with this name. */
  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The text of a child element, or "" when absent. */
  static String childText(Element parent, String name) {
    Element c = child(parent, name);
    return c == null ? "" : c.getTextContent();
  }

  /** Every attribute, in document order. */
  static Map<String, String> attributes(Element e) {
    NamedNodeMap m = e.getAttributes();
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < m.getLength(); i++) {
      Node a = m.item(i);
      out.put(a.getNodeName(), a.getNodeValue());
    }
    return out;
  }

  /** An attribute as an int, leniently ("", "15", " 15 "); the default when absent or not a number. */
  static int intAttr(Element e, String name, int dflt) {
    return toInt(e.getAttribute(name), dflt);
  }

  static int toInt(String s, int dflt) {
    if (s == null || s.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException ex) {
      return dflt;
    }
  }
}
