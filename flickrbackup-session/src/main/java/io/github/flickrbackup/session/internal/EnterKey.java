package io.github.flickrbackup.session.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * Notices a line typed on an input stream without a thread: it reads only what
 * {@link InputStream#available()} says is there, so it never blocks and never leaves a reader
 * behind to swallow later input. A terminal in its normal (line) mode makes input available
 * only when Enter is pressed.
 */
public final class EnterKey implements BooleanSupplier {
  private final InputStream in;
  private boolean pressed;

  /**
   * Watches a stream, such as {@code System.in}.
   *
   * @param in the stream
   */
  public EnterKey(InputStream in) {
    this.in = in;
  }

  @Override
  public boolean getAsBoolean() {
    if (pressed) {
      return true;
    }
    try {
      int available = in.available();
      if (available > 0) {
        byte[] buffer = new byte[Math.min(available, 4096)];
        int n = in.read(buffer);
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n' || buffer[i] == '\r') {
            pressed = true;
          }
        }
      }
    } catch (IOException e) {
      // A closed or unreadable input cannot say Enter; the session cookie still can.
    }
    return pressed;
  }
}
