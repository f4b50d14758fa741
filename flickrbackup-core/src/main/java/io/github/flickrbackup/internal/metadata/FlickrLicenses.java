package io.github.flickrbackup.internal.metadata;

import java.util.Map;

/**
 * Flickr's licence ids 0 to 10, with the names and URLs {@code flickr.photos.licenses.getInfo}
 * gives them. Newer ids are written as "Flickr licence N" until someone checks their names
 * against Flickr's answer. A table here rather than an API call per run: the list changes once a decade, and a
 * sidecar must be renderable from the item alone.
 */
final class FlickrLicenses {
  /**
   * One licence.
   *
   * @param name Flickr's name for it
   * @param url its deed, or empty (All Rights Reserved has none)
   * @param rightsManaged {@code xmpRights:Marked}: false for public-domain marks and dedications,
   *     null when unknown (the XMP spec: omit it then)
   */
  record License(String name, String url, Boolean rightsManaged) {}

  private static final Map<String, License> BY_ID = Map.ofEntries(
      Map.entry("0", new License("All Rights Reserved", "", true)),
      Map.entry("1", cc("Attribution-NonCommercial-ShareAlike License", "licenses/by-nc-sa/2.0/")),
      Map.entry("2", cc("Attribution-NonCommercial License", "licenses/by-nc/2.0/")),
      Map.entry("3", cc("Attribution-NonCommercial-NoDerivs License", "licenses/by-nc-nd/2.0/")),
      Map.entry("4", cc("Attribution License", "licenses/by/2.0/")),
      Map.entry("5", cc("Attribution-ShareAlike License", "licenses/by-sa/2.0/")),
      Map.entry("6", cc("Attribution-NoDerivs License", "licenses/by-nd/2.0/")),
      Map.entry("7", new License("No known copyright restrictions", "https://www.flickr.com/commons/usage/", false)),
      Map.entry("8", new License("United States Government Work", "http://www.usa.gov/copyright.shtml", false)),
      Map.entry("9", new License("Public Domain Dedication (CC0)",
          "https://creativecommons.org/publicdomain/zero/1.0/", false)),
      Map.entry("10", new License("Public Domain Mark", "https://creativecommons.org/publicdomain/mark/1.0/", false)));

  private FlickrLicenses() {}

  private static License cc(String name, String path) {
    return new License(name, "https://creativecommons.org/" + path, true);
  }

  /**
   * @param id Flickr's licence id, not empty
   * @return its licence; an id this table does not know gets the name "Flickr licence ID" and
   *     no URL, since guessing a licence would be worse than saying which one it was
   */
  static License of(String id) {
    License known = BY_ID.get(id);
    return known != null ? known : new License("Flickr licence " + id, "", null);
  }
}
