/**
 * The {@code s3} storage driver: {@link registry.storage.s3.S3StorageDriver} keeps registry
 * storage in an S3 (or S3-compatible) bucket in distribution's layout, so that several registry
 * instances can share one bucket and a bucket written by {@code registry:2} serves as it is.
 */
package registry.storage.s3;
