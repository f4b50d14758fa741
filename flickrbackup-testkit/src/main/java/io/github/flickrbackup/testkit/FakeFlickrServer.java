package io.github.flickrbackup.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link FakeFlickr} field before each test (static fields: before all tests) and closes
 * it after, like mockwebserver3-junit5's {@code @StartStop}. Needs JUnit Jupiter on the test class
 * path; registering {@link FakeFlickrExtension} is done by the annotation itself.
 *
 * <pre>{@code
 * class MyClientTest {
 *   @FakeFlickrServer
 *   final FakeFlickr fake = FakeFlickr.builder().account(FakeAccount.builder().photo("1", p -> {}).build()).build();
 *
 *   @Test
 *   void listsPhotos() {
 *     TestToken token = fake.issueAccessToken();
 *     // ... point the client at fake.baseUrl()
 *   }
 * }
 * }</pre>
 */
@Documented
@Target({ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FakeFlickrExtension.class)
public @interface FakeFlickrServer {
}
