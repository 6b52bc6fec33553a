/**
 * The registry's model, storage SPI, in-memory driver, services and transport-neutral protocol
 * handler.
 */
module registry.core {
  requires com.fasterxml.jackson.databind;
  requires java.net.http;

  exports registry.core;
  exports registry.core.spi;
  exports registry.core.gc;
  exports registry.core.notifications;
  exports registry.core.storage;
  exports registry.core.http;
  exports registry.core.auth;
  exports registry.core.layout;

  uses registry.core.spi.StorageDriverFactory;

  provides registry.core.spi.StorageDriverFactory
      with registry.core.internal.storage.InMemoryStorageDriverFactory;
}
