package io.github.flickrbackup.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A photoset (album) of a {@link FakeAccount}, as an immutable snapshot. Titles may repeat and
 * may be hostile ({@code ..}, {@code a/b}, NUL, 300 characters): the fake serves them as is.
 *
 * <pre>{@code
 * FakeSet set = fake.account().set("72157600000000001");
 * assertThat(set.itemIds()).contains("1001");
 * }</pre>
 */
public final class FakeSet {
  private final String id;
  private final String title;
  private final String description;
  private final Instant created;
  private final Instant updated;
  private final String primaryId;
  private final List<String> itemIds;
  private final int views;

  FakeSet(String id, String title, String description, Instant created, Instant updated,
      String primaryId, List<String> itemIds, int views) {
    this.id = Objects.requireNonNull(id, "id");
    this.title = Objects.requireNonNull(title, "title");
    this.description = Objects.requireNonNull(description, "description");
    this.created = Objects.requireNonNull(created, "created");
    this.updated = Objects.requireNonNull(updated, "updated");
    this.itemIds = List.copyOf(itemIds);
    this.primaryId = primaryId != null && this.itemIds.contains(primaryId)
        ? primaryId
        : (this.itemIds.isEmpty() ? null : this.itemIds.get(0));
    this.views = views;
  }

  /** The set id. */
  public String id() { return id; }
  /** The title, exactly as stored (hostile allowed). */
  public String title() { return title; }
  /** The description. */
  public String description() { return description; }
  /** {@code date_create}. */
  public Instant created() { return created; }
  /** {@code date_update}: moves when the title, description or membership changes. */
  public Instant updated() { return updated; }
  /** The primary (cover) item's id; the first item unless chosen. */
  public String primaryId() { return primaryId; }
  /** The ids of the items in the set, in the set's order. */
  public List<String> itemIds() { return itemIds; }
  /** The view count. */
  public int views() { return views; }

  FakeSet with(String newTitle, String newDescription, List<String> newItems, String newPrimary, Instant newUpdated) {
    return new FakeSet(id, newTitle, newDescription, created, newUpdated, newPrimary, newItems, views);
  }

  @Override
  public String toString() {
    return "FakeSet{" + id + ", " + itemIds.size() + " items}";
  }

  /**
   * Optional values of a set in {@link FakeAccount.Builder#set(String, String, java.util.function.Consumer)}.
   *
   * <pre>{@code
   * .set("72157600000000001", "Holidays", s -> s.description("Summer").primary("1001"))
   * }</pre>
   */
  public static final class Builder {
    String description = "";
    Instant created;
    Instant updated;
    String primary;
    int views;

    Builder() {}

    /** The description. */
    public Builder description(String description) { this.description = Objects.requireNonNull(description, "description"); return this; }
    /** {@code date_create} (default: the oldest upload in the set). */
    public Builder created(Instant created) { this.created = Objects.requireNonNull(created, "created"); return this; }
    /** {@code date_update} (default: the newest last-update in the set). */
    public Builder updated(Instant updated) { this.updated = Objects.requireNonNull(updated, "updated"); return this; }
    /** The primary item (default: the first). */
    public Builder primary(String itemId) { this.primary = Objects.requireNonNull(itemId, "itemId"); return this; }
    /** The view count. */
    public Builder views(int views) { this.views = Math.max(0, views); return this; }
  }
}
