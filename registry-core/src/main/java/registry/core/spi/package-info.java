/**
 * The storage SPI: a small, path-keyed byte store that drivers implement
 * ({@link registry.core.spi.StorageDriver}) and {@link java.util.ServiceLoader} finds by name
 * ({@link registry.core.spi.StorageDriverFactory}).
 */
package registry.core.spi;
