/**
 * Contract suites for storage drivers, and the fixtures they use. A driver's test extends
 * {@link registry.testkit.StorageDriverContract} (the storage SPI), and may extend
 * {@link registry.testkit.RegistryContract}, {@link registry.testkit.GarbageCollectionContract}
 * and {@link registry.testkit.OnlineGcModelContract} to run the whole registry over it.
 */
package registry.testkit;
