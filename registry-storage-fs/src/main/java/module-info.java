/** The {@code filesystem} storage driver. */
module registry.storage.fs {
  requires transitive registry.core;

  exports registry.storage.fs;

  provides registry.core.spi.StorageDriverFactory
      with registry.storage.fs.internal.FilesystemStorageDriverFactory;
}
