/**
 * The registry's public model and in-process API: {@link registry.core.Registry} and its
 * {@link registry.core.Repository repositories}, with validated values ({@link registry.core.Digest},
 * {@link registry.core.RepositoryName}, {@link registry.core.Tag}, {@link registry.core.Reference},
 * {@link registry.core.Manifest}) and one exception, {@link registry.core.RegistryException},
 * carrying an {@link registry.core.ErrorCode}.
 */
package registry.core;
