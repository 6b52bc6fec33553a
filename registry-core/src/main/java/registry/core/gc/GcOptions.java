package registry.core.gc;

import java.time.Duration;

/**
 * How a {@link GarbageCollector} runs.
 *
 * <pre>{@code
 * GcOptions options = GcOptions.builder().deleteUntagged(true).gracePeriod(Duration.ofHours(2)).build();
 * }</pre>
 *
 * @param dryRun report what would be deleted and delete nothing
 * @param deleteUntagged delete manifests no tag reaches (children of tagged indexes and referrers
 *     of kept manifests are kept)
 * @param gracePeriod blobs, links and manifests younger than this are never deleted, so pushes in
 *     progress lose nothing; zero only for a registry nobody writes to
 * @param uploadMaxAge uploads started longer ago than this are purged
 * @param purgeUploads whether to purge old uploads at all (off where a separate purge runs)
 */
public record GcOptions(boolean dryRun, boolean deleteUntagged, Duration gracePeriod, Duration uploadMaxAge,
    boolean purgeUploads) {

  /** The default grace period: one hour. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(1);
  /** The default age after which uploads are purged: seven days, as distribution. */
  public static final Duration DEFAULT_UPLOAD_MAX_AGE = Duration.ofDays(7);

  /** Validates. */
  public GcOptions {
    if (gracePeriod == null || gracePeriod.isNegative()) {
      throw new IllegalArgumentException("grace period must be zero or positive");
    }
    if (uploadMaxAge == null || uploadMaxAge.isNegative()) {
      throw new IllegalArgumentException("upload max age must be zero or positive");
    }
  }

  /** The defaults: delete, keep untagged manifests, one hour's grace, purge uploads after 7 days. */
  public static GcOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder().dryRun(dryRun).deleteUntagged(deleteUntagged).gracePeriod(gracePeriod)
        .uploadMaxAge(uploadMaxAge).purgeUploads(purgeUploads);
  }

  /** Builds {@link GcOptions}. */
  public static final class Builder {
    private boolean dryRun;
    private boolean deleteUntagged;
    private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
    private Duration uploadMaxAge = DEFAULT_UPLOAD_MAX_AGE;
    private boolean purgeUploads = true;

    private Builder() {}

    /** Whether to purge uploads older than {@link #uploadMaxAge} (default true). */
    public Builder purgeUploads(boolean purgeUploads) {
      this.purgeUploads = purgeUploads;
      return this;
    }

    /** Report only. */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** Delete manifests that no tag reaches. */
    public Builder deleteUntagged(boolean deleteUntagged) {
      this.deleteUntagged = deleteUntagged;
      return this;
    }

    /** Nothing younger than this is deleted. */
    public Builder gracePeriod(Duration gracePeriod) {
      this.gracePeriod = gracePeriod;
      return this;
    }

    /** Uploads older than this are purged. */
    public Builder uploadMaxAge(Duration uploadMaxAge) {
      this.uploadMaxAge = uploadMaxAge;
      return this;
    }

    /** The options. */
    public GcOptions build() {
      return new GcOptions(dryRun, deleteUntagged, gracePeriod, uploadMaxAge, purgeUploads);
    }
  }
}
