package io.github.flickrbackup.store;

/**
 * What a {@link MediaStore} can do beyond the basics; the engine adapts to it.
 *
 * <pre>{@code
 * StoreFeatures f = new StoreFeatures(true, true);
 * }</pre>
 *
 * @param hardLinks {@link MediaStore#link} makes hard links, so a second copy costs no bytes.
 *     When false, the engine always calls {@code link} with {@code forceCopy = true}: a store
 *     is never asked for a link it does not offer.
 * @param durable a committed write survives a crash: its content is synced before it becomes
 *     visible, and its name is synced by {@link PendingWrite#commit()} and
 *     {@link MediaStore#link}, or at the latest by {@link MediaStore#sync}. The engine calls
 *     {@code sync} for a durable store before it records a batch of items as done. With a
 *     store that is not durable a crash may lose files the catalog lists as done; a later run
 *     fetches again any such file that is missing or of the wrong size, and with
 *     {@code verifyFiles} any whose content differs.
 */
public record StoreFeatures(boolean hardLinks, boolean durable) {}
