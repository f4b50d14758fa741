package io.github.flickrbackup.testkit;

import java.util.Objects;

/**
 * The username and password the fake's web sign-in page accepts. {@link #toString()} hides the
 * password.
 *
 * <pre>{@code
 * SignInCredentials c = fake.signInCredentials();
 * driver.findElement(By.id("login-username")).sendKeys(c.username());
 * driver.findElement(By.id("login-password")).sendKeys(c.password());
 * }</pre>
 *
 * @param username the username
 * @param password the password
 */
public record SignInCredentials(String username, String password) {
  /** Checks that neither is null or empty. */
  public SignInCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isEmpty() || password.isEmpty()) throw new IllegalArgumentException("username and password must not be empty");
  }

  @Override
  public String toString() {
    return "SignInCredentials{username=" + username + ", password=<hidden>}";
  }
}
