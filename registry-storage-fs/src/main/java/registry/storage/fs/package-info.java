/**
 * The {@code filesystem} storage driver: {@link registry.storage.fs.FilesystemStorageDriver},
 * which keeps the registry in a local directory in distribution's layout.
 *
 * <p>Configuration finds it by name through {@link registry.core.spi.StorageDrivers}
 * ({@code filesystem}, parameter {@code rootdirectory}); code can create it directly with
 * {@link registry.storage.fs.FilesystemStorageDriver#create(java.nio.file.Path)}.
 */
package registry.storage.fs;
