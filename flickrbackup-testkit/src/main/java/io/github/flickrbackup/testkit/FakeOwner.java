package io.github.flickrbackup.testkit;

import java.util.Objects;

/**
 * The user who owns a {@link FakeAccount}: NSID, username, real name and optional path alias.
 *
 * <pre>{@code
 * FakeOwner owner = fake.account().owner();
 * assertThat(login.getId()).isEqualTo(owner.nsid());
 * }</pre>
 *
 * @param nsid the NSID, e.g. {@code 12345678@N00}
 * @param username the username
 * @param realName the real name (may be empty or non-ASCII)
 * @param pathAlias the URL alias, or null for none
 */
public record FakeOwner(String nsid, String username, String realName, String pathAlias) {
  /** Validates the NSID and the names. */
  public FakeOwner {
    if (nsid == null || !nsid.matches("\\d{1,20}@N\\d{2}")) {
      throw new IllegalArgumentException("NSID must look like 12345678@N00: " + nsid);
    }
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(realName, "realName");
    if (pathAlias != null && !pathAlias.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("path alias must be letters, digits, _ or -: " + pathAlias);
    }
  }
}
