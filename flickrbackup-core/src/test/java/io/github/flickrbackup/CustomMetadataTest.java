package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flickrbackup.metadata.ItemRecord;
import io.github.flickrbackup.metadata.MetadataWriter;
import io.github.flickrbackup.metadata.MetadataWriters;
import io.github.flickrbackup.source.AccessToken;
import io.github.flickrbackup.source.ApiKey;
import io.github.flickrbackup.source.FlickrEndpoint;
import io.github.flickrbackup.source.FlickrSource;
import io.github.flickrbackup.source.PhotoSource;
import io.github.flickrbackup.testkit.AccountSpec;
import io.github.flickrbackup.testkit.FakeAccount;
import io.github.flickrbackup.testkit.FakeFlickr;
import io.github.flickrbackup.testkit.FakeFlickrServer;
import io.github.flickrbackup.testkit.FakeItem;
import io.github.flickrbackup.testkit.TestToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A custom metadata writer adds its files; the Python tool's .txt stays unless asked otherwise. */
@Timeout(60)
class CustomMetadataTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(8).photos(6).sets(1).averageBytes(5_000)))
      .build();

  @TempDir Path dir;

  /** Writes the item's tags, one a line. */
  static final class TagsWriter implements MetadataWriter {
    private final String suffix;

    TagsWriter(String suffix) {
      this.suffix = suffix;
    }

    @Override
    public String fileSuffix() {
      return suffix;
    }

    @Override
    public byte[] render(ItemRecord record) {
      return String.join("\n", record.item().tags()).getBytes(StandardCharsets.UTF_8);
    }
  }

  private PhotoSource source() {
    TestToken t = fake.issueAccessToken();
    return FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).build();
  }

  private static List<String> names(Path dest, String suffix) throws Exception {
    try (Stream<Path> s = Files.walk(dest)) {
      return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
          .sorted().toList();
    }
  }

  @Test
  void aCustomWriterIsWrittenBesideTheDefaultTxtAndFindMissingStillWorks() throws Exception {
    Path dest = dir.resolve("dest");
    try (PhotoSource source = source()) {
      BackupPlan plan = BackupPlan.builder().source(source).destination(dest)
          .selection(Selection.updatedSince(Instant.EPOCH))
          .metadataWriters(List.of(new TagsWriter(".tags")))
          .build();
      assertThat(plan.metadataWriters()).first().isSameAs(MetadataWriters.ini());
      BackupResult r = FlickrBackup.run(plan);
      assertThat(r.failures()).isEmpty();
    }
    int items = fake.account().items().size();
    assertThat(names(dest, ".tags")).hasSizeGreaterThanOrEqualTo(items);
    assertThat(names(dest, ".txt")).hasSameSizeAs(names(dest, ".tags"));

    // --find-missing reads the .txt files: deleting one media file must be found.
    FakeItem first = fake.account().items().get(0);
    Path media;
    try (Stream<Path> s = Files.walk(dest)) {
      media = s.filter(p -> p.getFileName().toString().matches(first.id() + "\\.[a-z0-9]+")).findFirst().orElseThrow();
    }
    Files.delete(media);
    assertThat(FlickrBackup.findMissing(dest, dir.resolve("missing.csv"))).isEqualTo(1);
  }

  @Test
  void iniMetadataFalseLeavesOnlyTheWritersAskedFor() throws Exception {
    Path dest = dir.resolve("dest");
    try (PhotoSource source = source()) {
      FlickrBackup.run(BackupPlan.builder().source(source).destination(dest)
          .selection(Selection.updatedSince(Instant.EPOCH))
          .metadataWriters(List.of(MetadataWriters.jsonSidecar())).iniMetadata(false)
          .build());
    }
    assertThat(names(dest, ".txt")).isEmpty();
    assertThat(names(dest, ".json")).isNotEmpty();
  }

  @Test
  void listingTheIniWriterTooChangesNothing() {
    BackupPlan plan = plan().metadataWriters(List.of(MetadataWriters.ini(), MetadataWriters.jsonSidecar())).build();
    assertThat(plan.metadataWriters()).containsExactly(MetadataWriters.ini(), MetadataWriters.jsonSidecar());
    assertThat(plan().build().metadataWriters()).containsExactly(MetadataWriters.ini());
    assertThat(plan.toBuilder().build().metadataWriters()).isEqualTo(plan.metadataWriters());
  }

  @Test
  void aMalformedSuffixIsRefusedNamingTheWriter() {
    for (String bad : new String[] {"txt", "", ".", "..", "./x", ".a/b", ".a\\b", ". x", ".x.", ".\u0000",
        "." + "x".repeat(32), ".ü"}) {
      assertThatThrownBy(() -> plan().metadataWriters(List.of(new TagsWriter(bad))))
          .as("suffix '%s'", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(TagsWriter.class.getName())
          .hasMessageContaining("a suffix is a dot followed by");
    }
    assertThatThrownBy(() -> plan().metadataWriters(List.of(new TagsWriter(null))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    for (String good : new String[] {".tags", ".meta.json", ".x_y-z", ".XMP"}) {
      assertThat(plan().metadataWriters(List.of(new TagsWriter(good))).build().metadataWriters()).hasSize(2);
    }
  }

  @Test
  void twoWritersMayNotShareASuffix() {
    assertThatThrownBy(() -> plan().metadataWriters(List.of(new TagsWriter(".json"), MetadataWriters.jsonSidecar())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both write '.json' files");
    assertThatThrownBy(() -> plan().metadataWriters(List.of(new TagsWriter(".txt"))).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("iniMetadata(false)");
    assertThat(plan().metadataWriters(List.of(new TagsWriter(".txt"))).iniMetadata(false).build().metadataWriters())
        .hasSize(1);
  }

  @Test
  void someMetadataIsAlwaysWritten() {
    assertThatThrownBy(() -> plan().iniMetadata(false).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one metadata file");
  }

  /** A plan that is only built, never run: its source makes no call. */
  private BackupPlan.Builder plan() {
    PhotoSource unused = FlickrSource.builder().apiKey(new ApiKey("k", "s"))
        .accessToken(new AccessToken("t", "ts", "", "")).build();
    return BackupPlan.builder().source(unused).destination(dir.resolve("unused"));
  }
}
