package io.github.flickrbackup.store;

/**
 * What a {@link MediaStore} can do beyond the basics; the engine adapts to it.
 *
 * <pre>{@code
 * StoreFeatures f = new StoreFeatures(true, true);
 * }</pre>
 *
 * @param hardLinks {@link MediaStore#link} makes hard links, so a second copy costs no bytes
 * @param durable a committed write survives a crash: its content is synced before it becomes
 *     visible, and its name is synced by {@link PendingWrite#commit()} and
 *     {@link MediaStore#link}, or at the latest by {@link MediaStore#sync}
 */
public record StoreFeatures(boolean hardLinks, boolean durable) {}
