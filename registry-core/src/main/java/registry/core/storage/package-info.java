/**
 * Storage drivers that ship with the core: {@link registry.core.storage.InMemoryStorageDriver},
 * known to configuration as {@code inmemory}.
 *
 * <p>Other drivers live in their own modules ({@code registry.storage.fs},
 * {@code registry.storage.s3}); all implement {@link registry.core.spi.StorageDriver}.
 */
package registry.core.storage;
