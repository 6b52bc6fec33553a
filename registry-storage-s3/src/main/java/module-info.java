/** The {@code s3} storage driver (to come: see the S3 issue). */
module registry.storage.s3 {
  requires transitive registry.core;
}
