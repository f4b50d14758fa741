package io.github.flickrbackup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flickrbackup.internal.metadata.ExifTool;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every sidecar of the testkit's generated hostile account is XMP that ExifTool reads back. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class XmpHostileAccountTest {
  @FakeFlickrServer
  final FakeFlickr fake = FakeFlickr.builder()
      .account(FakeAccount.generate(AccountSpec.seed(7).photos(80).sets(8).videoShare(0.1)
          .multiSetShare(0.3).averageBytes(5_000).hostile(true)))
      .build();

  @TempDir Path dir;

  @Test
  void everySidecarOfAHostileAccountReadsBackWithItsIdTitleDescriptionAndTags() throws Exception {
    ExifTool.require();
    Path dest = dir.resolve("dest");
    TestToken t = fake.issueAccessToken();
    try (PhotoSource source = FlickrSource.builder().endpoint(FlickrEndpoint.at(fake.baseUrl()))
        .apiKey(new ApiKey(FakeFlickr.DEFAULT_CONSUMER_KEY, FakeFlickr.DEFAULT_CONSUMER_SECRET))
        .accessToken(new AccessToken(t.token(), t.secret(), t.userNsid(), t.username())).maxAttempts(2).build()) {
      FlickrBackup.run(BackupPlan.builder().source(source).destination(dest).selection(Selection.updatedSince(Instant.EPOCH))
          .metadataWriters(List.of(MetadataWriters.xmpSidecar())).build());
    }
    List<Path> xmps;
    try (Stream<Path> s = Files.walk(dest)) {
      xmps = s.filter(p -> p.getFileName().toString().endsWith(".xmp")).sorted().toList();
    }
    // Items that failed on purpose (browser-only videos without a session) have no files.
    assertThat(xmps).hasSizeGreaterThan(fake.account().items().size() / 2);
    List<JsonNode> read = ExifTool.read(xmps);
    SoftAssertions soft = new SoftAssertions();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < xmps.size(); i++) {
      JsonNode x = read.get(i);
      String name = xmps.get(i).getFileName().toString();
      String id = name.substring(0, name.indexOf('.'));
      seen.merge(id, 1, Integer::sum);
      FakeItem item = fake.account().item(id);
      soft.assertThat(x.path("File:FileType").asText()).as("%s: file type", name).isEqualTo("XMP");
      soft.assertThat(ExifTool.text(x.get("XMP-flickr:PhotoId"))).as("%s: id", name).isEqualTo(id);
      soft.assertThat(ExifTool.text(x.get("XMP-dc:Title"))).as("%s: title", name)
          .isEqualTo(item.title().isEmpty() ? null : XmpSidecarTest.asListed(item.title()));
      soft.assertThat(ExifTool.text(x.get("XMP-dc:Description"))).as("%s: description", name)
          .isEqualTo(item.description().isEmpty() ? null : XmpSidecarTest.asListed(item.description()));
      List<String> tags = new ArrayList<>();
      item.tags().forEach(tag -> tags.add(XmpSidecarTest.normalised(tag)));
      item.machineTags().forEach(m -> tags.add(m.substring(0, m.indexOf('=') + 1).toLowerCase(java.util.Locale.ROOT)
          + XmpSidecarTest.normalised(m.substring(m.indexOf('=') + 1))));
      tags.removeIf(String::isEmpty);
      soft.assertThat(XmpSidecarTest.list(x.get("XMP-dc:Subject"))).as("%s: keywords", name).isEqualTo(tags);
    }
    soft.assertAll();
    assertThat(seen).isNotEmpty();
  }
}
