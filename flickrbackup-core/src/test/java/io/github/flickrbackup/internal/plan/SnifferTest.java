package io.github.flickrbackup.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flickrbackup.source.MediaKind;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnifferTest {
  static byte[] bytes(int... b) {
    byte[] out = new byte[16];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  static byte[] ascii(String s) {
    byte[] out = new byte[16];
    byte[] a = s.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(a, 0, out, 0, Math.min(16, a.length));
    return out;
  }

  @Test
  void recognisesPhotosAndVideoContainers() {
    assertThat(Sniffer.sniff(bytes(0xff, 0xd8, 0xff, 0xe0), 16)).contains("jpg");
    assertThat(Sniffer.sniff(bytes(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a), 16)).contains("png");
    assertThat(Sniffer.sniff(ascii("GIF89a"), 16)).contains("gif");
    assertThat(Sniffer.sniff(ascii("\0\0\0\u0014ftypqt  "), 16)).contains("mov");
    assertThat(Sniffer.sniff(ascii("\0\0\0\u0018ftypisom"), 16)).contains("mp4");
    assertThat(Sniffer.sniff(ascii("RIFF\0\0\0\0AVI LIST"), 16)).contains("avi");
    assertThat(Sniffer.sniff(ascii("<!DOCTYPE html>"), 16)).isEmpty();
  }

  @Test
  void aPosterOrHtmlIsNotAVideo() {
    assertThat(Sniffer.matchesKind(MediaKind.VIDEO, "jpg")).isFalse();
    assertThat(Sniffer.matchesKind(MediaKind.VIDEO, "")).isFalse();
    assertThat(Sniffer.matchesKind(MediaKind.PHOTO, "mp4")).isFalse();
    assertThat(Sniffer.matchesKind(MediaKind.VIDEO, "mov")).isTrue();
  }

  @Test
  void videoExtensionPrefersDispositionThenUrlThenBytesAndMovOnlyForQuickTime() {
    assertThat(Sniffer.videoExtension(Optional.of("clip.mp4"), "/video/1/x/orig.mov", "mp4")).isEqualTo("mp4");
    assertThat(Sniffer.videoExtension(Optional.empty(), "/video/1/x/orig.m4v", "mp4")).isEqualTo("m4v");
    assertThat(Sniffer.videoExtension(Optional.of("clip.mov"), "/play/orig/abc/", "mp4")).isEqualTo("mp4");
    assertThat(Sniffer.videoExtension(Optional.of("clip.mov"), "/x", "mov")).isEqualTo("mov");
    assertThat(Sniffer.videoExtension(Optional.of("../../evil.sh"), "/x", "avi")).isEqualTo("avi");
  }

  @Test
  void photoExtensionNeverNullAndFollowsTheBytes() {
    assertThat(Sniffer.photoExtension("", "jpg")).isEqualTo("jpg");
    assertThat(Sniffer.photoExtension("null", "png")).isEqualTo("png");
    assertThat(Sniffer.photoExtension("JPEG", "jpg")).isEqualTo("jpg");
    assertThat(Sniffer.photoExtension("png", "jpg")).isEqualTo("jpg");
  }
}
