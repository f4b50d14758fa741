package io.github.flickrbackup.internal.metadata;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.XMPPathFactory;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.options.SerializeOptions;
import io.github.flickrbackup.metadata.ItemRecord;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.metadata.XmpNaming;
import io.github.flickrbackup.source.Album;
import io.github.flickrbackup.source.RemoteItem;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An XMP sidecar that photo managers read (digiKam, darktable, Lightroom, Immich): the packet is
 * built and serialised by Adobe's XMPCore, the reference implementation, so escaping, namespaces
 * and RDF forms are the library's, not ours. What goes where is in {@code docs/on-disk-format.md}.
 */
public final class XmpSidecarWriter implements MetadataWriter {
  /** Our namespace for what no standard schema holds: Flickr's ids, raw values, albums. */
  public static final String NS_FLICKR = "https://flickrbackup.github.io/ns/flickr/1.0/";
  /** Creative Commons' XMP namespace ({@code cc:license}). */
  public static final String NS_CC = "http://creativecommons.org/ns#";
  /** Lightroom's namespace ({@code lr:hierarchicalSubject}). */
  public static final String NS_LR = "http://ns.adobe.com/lightroom/1.0/";

  private static final XmpSidecarWriter DARKTABLE = new XmpSidecarWriter(XmpNaming.DARKTABLE);
  private static final XmpSidecarWriter LIGHTROOM = new XmpSidecarWriter(XmpNaming.LIGHTROOM);

  /** Flickr's {@code datetaken}: {@code YYYY-MM-DD HH:MM:SS}, the owner's local time. */
  private static final Pattern TAKEN =
      Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2}):(\\d{2}))?");
  /** An NSID fit for a URL path ({@code 12345678@N00}); anything else gets the id-only URL. */
  private static final Pattern NSID = Pattern.compile("[0-9A-Za-z@_-]{1,64}");

  static {
    try {
      // Process-wide, as XMPCore's registry is; registering the same URI again is a no-op.
      XMPMetaFactory.getSchemaRegistry().registerNamespace(NS_FLICKR, "flickr");
      XMPMetaFactory.getSchemaRegistry().registerNamespace(NS_CC, "cc");
      XMPMetaFactory.getSchemaRegistry().registerNamespace(NS_LR, "lr");
    } catch (XMPException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final XmpNaming naming;

  private XmpSidecarWriter(XmpNaming naming) {
    this.naming = naming;
  }

  /**
   * @param naming how sidecars are named
   * @return the writer for that naming
   */
  public static XmpSidecarWriter of(XmpNaming naming) {
    return switch (naming) {
      case DARKTABLE -> DARKTABLE;
      case LIGHTROOM -> LIGHTROOM;
    };
  }

  @Override
  public String fileSuffix() {
    return ".xmp";
  }

  @Override
  public boolean replacesExtension() {
    return naming == XmpNaming.LIGHTROOM;
  }

  @Override
  public byte[] render(ItemRecord record) {
    try {
      return XMPMetaFactory.serializeToBuffer(packet(record),
          new SerializeOptions().setOmitPacketWrapper(true).setUseCompactFormat(true));
    } catch (XMPException e) {
      // Every value is made XML-safe first, so this is a bug, not bad input.
      throw new IllegalStateException("cannot serialise the XMP of item " + record.item().id(), e);
    }
  }

  private static XMPMeta packet(ItemRecord record) throws XMPException {
    RemoteItem item = record.item();
    XMPMeta m = XMPMetaFactory.create();
    langAlt(m, XMPConst.NS_DC, "title", item.title());
    langAlt(m, XMPConst.NS_DC, "description", item.description());
    PropertyOptions bag = new PropertyOptions().setArray(true);
    for (String tag : item.tags()) {
      if (!tag.isEmpty()) {
        m.appendArrayItem(XMPConst.NS_DC, "subject", bag, text(tag), null);
        // Keywords of one level: Immich reads tags only from here (or digiKam:TagsList), and
        // Lightroom and digiKam read it too. Flickr's normalised tags hold no '|' separator.
        m.appendArrayItem(NS_LR, "hierarchicalSubject", bag, text(tag), null);
      }
    }
    if (!item.ownerName().isEmpty()) {
      m.appendArrayItem(XMPConst.NS_DC, "creator", new PropertyOptions().setArrayOrdered(true),
          text(item.ownerName()), null);
    }
    dates(m, item);
    if (item.geo() != null) {
      m.setProperty(XMPConst.NS_EXIF, "GPSLatitude", coordinate(item.geo().latitude(), 'N', 'S'));
      m.setProperty(XMPConst.NS_EXIF, "GPSLongitude", coordinate(item.geo().longitude(), 'E', 'W'));
      m.setProperty(XMPConst.NS_EXIF, "GPSMapDatum", "WGS-84");
    }
    if (!item.license().isEmpty()) {
      FlickrLicenses.License l = FlickrLicenses.of(text(item.license()));
      if (l.rightsManaged() != null) {
        m.setPropertyBoolean(XMPConst.NS_XMP_RIGHTS, "Marked", l.rightsManaged());
      }
      langAlt(m, XMPConst.NS_XMP_RIGHTS, "UsageTerms", l.name());
      if (!l.url().isEmpty()) {
        m.setProperty(XMPConst.NS_XMP_RIGHTS, "WebStatement", l.url());
        m.setProperty(NS_CC, "license", l.url());
      }
    }
    flickr(m, record);
    return m;
  }

  /** Our namespace: ids, the page URL, raw values the standard properties reduce. */
  private static void flickr(XMPMeta m, ItemRecord record) throws XMPException {
    RemoteItem item = record.item();
    m.setProperty(NS_FLICKR, "PhotoId", item.id().value());
    m.setProperty(NS_FLICKR, "Media", item.media().name().toLowerCase(Locale.ROOT));
    m.setProperty(NS_FLICKR, "PageURL", pageUrl(item));
    simple(m, "Owner", item.owner());
    simple(m, "OwnerName", item.ownerName());
    simple(m, "DateTaken", item.dateTaken());
    if (!item.dateTaken().isEmpty()) {
      m.setPropertyInteger(NS_FLICKR, "DateTakenGranularity", item.takenGranularity());
      m.setPropertyBoolean(NS_FLICKR, "DateTakenUnknown", item.takenUnknown());
    }
    if (item.geo() != null) {
      m.setPropertyInteger(NS_FLICKR, "GeoAccuracy", item.geo().accuracy());
    }
    simple(m, "License", item.license());
    if (item.dateFaved() != null) {
      m.setProperty(NS_FLICKR, "DateFaved", item.dateFaved().toString());
    }
    for (Album a : record.albums()) {
      m.appendArrayItem(NS_FLICKR, "Albums", new PropertyOptions().setArrayOrdered(true), null,
          new PropertyOptions().setStruct(true));
      String path = XMPPathFactory.composeArrayItemPath("Albums", XMPConst.ARRAY_LAST_ITEM);
      m.setStructField(NS_FLICKR, path, NS_FLICKR, "Id", text(a.id()));
      if (!a.title().isEmpty()) {
        m.setStructField(NS_FLICKR, path, NS_FLICKR, "Title", text(a.title()));
      }
    }
    if (!record.original()) {
      m.setPropertyBoolean(NS_FLICKR, "Original", false);
      m.setProperty(NS_FLICKR, "Rendition", text(record.substitute().label()));
    }
  }

  /**
   * The date taken at Flickr's granularity, in XMP's date form (ISO 8601 with reduced
   * precision, no time zone: Flickr's value is the owner's local time, zone unknown, which is
   * what a date without designator means in XMP). An exact date goes into all three properties
   * readers look at; a partial one only into the two whose definitions allow reduced precision,
   * as {@code exif:DateTimeOriginal} is EXIF's full timestamp and readers take it as one.
   */
  private static void dates(XMPMeta m, RemoteItem item) throws XMPException {
    if (item.takenUnknown()) {
      return; // Flickr put the upload time there: not a date taken
    }
    Matcher d = TAKEN.matcher(item.dateTaken());
    if (!d.matches() || d.group(1).equals("0000")) {
      return;
    }
    String year = d.group(1);
    String month = d.group(2);
    String day = d.group(3);
    int granularity = item.takenGranularity();
    String value;
    boolean exact = false;
    if (granularity == 6 || granularity == 8 || month.equals("00")) {
      value = year; // 8 is "circa": a year, approximately; the raw value says which
    } else if (granularity == 4 || day.equals("00")) {
      value = year + "-" + month;
    } else if (d.group(4) == null) {
      value = year + "-" + month + "-" + day;
    } else {
      value = year + "-" + month + "-" + day + "T" + d.group(4) + ":" + d.group(5) + ":" + d.group(6);
      exact = true;
    }
    m.setProperty(XMPConst.NS_PHOTOSHOP, "DateCreated", value);
    m.setProperty(XMPConst.NS_XMP, "CreateDate", value);
    if (exact) {
      m.setProperty(XMPConst.NS_EXIF, "DateTimeOriginal", value);
    }
  }

  /**
   * XMP's GPSCoordinate, {@code DDD,MM.mmmmmmK}: whole degrees, decimal minutes, a direction
   * letter. Six decimals of a minute are finer than the six decimals of a degree Flickr gives.
   */
  static String coordinate(double degrees, char positive, char negative) {
    char ref = degrees < 0 ? negative : positive;
    long microMinutes = Math.round(Math.abs(degrees) * 60_000_000d);
    long whole = microMinutes / 60_000_000L;
    long rest = microMinutes % 60_000_000L;
    return String.format(Locale.ROOT, "%d,%02d.%06d%c", whole, rest / 1_000_000L, rest % 1_000_000L, ref);
  }

  /** The item's page: by owner NSID when known, else Flickr's id-only address, which redirects. */
  static String pageUrl(RemoteItem item) {
    String id = item.id().value();
    return NSID.matcher(item.owner()).matches()
        ? "https://www.flickr.com/photos/" + item.owner() + "/" + id + "/"
        : "https://www.flickr.com/photo.gne?id=" + id;
  }

  private static void langAlt(XMPMeta m, String ns, String name, String value) throws XMPException {
    if (!value.isEmpty()) {
      m.setLocalizedText(ns, name, "", XMPConst.X_DEFAULT, text(value));
    }
  }

  private static void simple(XMPMeta m, String name, String value) throws XMPException {
    if (!value.isEmpty()) {
      m.setProperty(NS_FLICKR, name, text(value));
    }
  }

  /**
   * Makes text representable in XML 1.0, which has no escape for NUL, most C0 controls, U+FFFE,
   * U+FFFF or a lone surrogate, and which XMPCore writes as they are (an unreadable file):
   * each becomes U+FFFD, the replacement character, so a reader sees that something was there.
   * Tab, newline and carriage return are kept (XMPCore writes them as character references).
   * The {@code .txt} and {@code .json} keep the exact text.
   */
  static String text(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      boolean bad = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
          || cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF);
      if (bad && b == null) {
        b = new StringBuilder(s.length());
        b.append(s, 0, i);
      }
      if (b != null) {
        if (bad) {
          b.append('\uFFFD');
        } else {
          b.appendCodePoint(cp);
        }
      }
      i += n;
    }
    return b == null ? s : b.toString();
  }
}
