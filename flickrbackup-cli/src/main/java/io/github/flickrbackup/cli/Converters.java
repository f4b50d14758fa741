package io.github.flickrbackup.cli;

import io.github.flickrbackup.metadata.XmpNaming;
import io.github.flickrbackup.session.Browser;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters whose messages say what was expected, in one line. */
final class Converters {
  private Converters() {}

  /** {@code YYYY-MM-DD}, as the Python tool takes it. */
  static final class Date implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a date (expected YYYY-MM-DD, e.g. 2012-02-28)");
      }
    }
  }

  /** An absolute http(s) URL. */
  static final class Url implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      return parseUrl(value);
    }
  }

  static URI parseUrl(String value) {
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // falls through to the one message below
    }
    throw new TypeConversionException("'" + value + "' is not an absolute http(s) URL (e.g. http://127.0.0.1:8080/)");
  }

  /** {@code chrome} or {@code firefox}, any case. */
  static final class BrowserName implements ITypeConverter<Browser> {
    @Override
    public Browser convert(String value) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "chrome":
        case "chromium":
          return Browser.CHROME;
        case "firefox":
          return Browser.FIREFOX;
        default:
          throw new TypeConversionException("'" + value + "' is not a browser this tool can drive (chrome or firefox)");
      }
    }
  }

  /** What shell completion offers for {@code --browser}. */
  static final class BrowserNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("chrome", "firefox").iterator();
    }
  }

  /** {@code darktable} (also {@code digikam}) or {@code lightroom}, any case. */
  static final class XmpNamingName implements ITypeConverter<XmpNaming> {
    @Override
    public XmpNaming convert(String value) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "darktable":
        case "digikam":
          return XmpNaming.DARKTABLE;
        case "lightroom":
          return XmpNaming.LIGHTROOM;
        default:
          throw new TypeConversionException("'" + value + "' is not an XMP naming: darktable (ID.EXT.xmp) or "
              + "lightroom (ID.xmp)");
      }
    }
  }

  /** What shell completion offers for {@code --xmp-naming}. */
  static final class XmpNamingNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("darktable", "lightroom").iterator();
    }
  }
}
