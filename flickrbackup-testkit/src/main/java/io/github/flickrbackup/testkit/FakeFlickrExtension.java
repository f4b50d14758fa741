package io.github.flickrbackup.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit 5 extension behind {@link FakeFlickrServer}: starts the annotated {@link FakeFlickr}
 * fields (instance fields per test, static fields per class) and closes them afterwards. It can
 * also be registered explicitly with {@code @ExtendWith(FakeFlickrExtension.class)}.
 *
 * <pre>{@code
 * @ExtendWith(FakeFlickrExtension.class)
 * class MyTest {
 *   @FakeFlickrServer static final FakeFlickr FAKE = FakeFlickr.builder().build();
 * }
 * }</pre>
 */
public final class FakeFlickrExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  /** Created by JUnit. */
  public FakeFlickrExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) throws IllegalAccessException {
    for (FakeFlickr f : fakes(context.getRequiredTestClass(), null, true)) startIfNeeded(f);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IllegalAccessException {
    for (FakeFlickr f : fakes(context.getRequiredTestClass(), null, true)) f.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (FakeFlickr f : fakes(instance.getClass(), instance, false)) startIfNeeded(f);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IllegalAccessException {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (FakeFlickr f : fakes(instance.getClass(), instance, false)) f.close();
    }
  }

  private static void startIfNeeded(FakeFlickr f) {
    if (!f.isStarted()) f.start();
  }

  private static List<FakeFlickr> fakes(Class<?> type, Object instance, boolean statics) throws IllegalAccessException {
    List<FakeFlickr> out = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!field.isAnnotationPresent(FakeFlickrServer.class)) continue;
        if (Modifier.isStatic(field.getModifiers()) != statics) continue;
        if (!FakeFlickr.class.isAssignableFrom(field.getType())) {
          throw new IllegalStateException("@FakeFlickrServer is only for FakeFlickr fields: " + field);
        }
        field.setAccessible(true);
        Object value = field.get(statics ? null : instance);
        if (value == null) throw new IllegalStateException("@FakeFlickrServer field is null: " + field);
        out.add((FakeFlickr) value);
      }
    }
    return out;
  }
}
