package io.github.flickrbackup.session.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import org.junit.jupiter.api.Test;

class EnterKeyTest {

  @Test
  void isPressedOnceALineArrives() throws IOException {
    PipedOutputStream keyboard = new PipedOutputStream();
    EnterKey enter = new EnterKey(new PipedInputStream(keyboard));

    assertThat(enter.getAsBoolean()).isFalse();
    keyboard.write("typing".getBytes(UTF_8));
    assertThat(enter.getAsBoolean()).isFalse();
    keyboard.write("\n".getBytes(UTF_8));
    assertThat(enter.getAsBoolean()).isTrue();
    assertThat(enter.getAsBoolean()).isTrue();
  }

  @Test
  void isNeverPressedByAnEmptyOrClosedInput() throws IOException {
    PipedOutputStream keyboard = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keyboard);
    EnterKey closed = new EnterKey(in);
    in.close();

    assertThat(new EnterKey(new ByteArrayInputStream(new byte[0])).getAsBoolean()).isFalse();
    assertThat(closed.getAsBoolean()).isFalse();
  }
}
