package io.github.flickrbackup.testkit.internal;

/** PLACEHOLDER until testkit-parts is merged: accepts every signature. */
public final class OAuthSignatures {
  private OAuthSignatures() {}

  public static String check() {
    return null;
  }
}
