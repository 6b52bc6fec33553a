/**
 * Garbage collection that is safe while pushes go on: {@link registry.core.Registry#collectGarbage}
 * with {@link registry.core.gc.GcOptions}, reporting a {@link registry.core.gc.GcReport}, and
 * {@link registry.core.gc.GarbageCollector} for a schedule.
 */
package registry.core.gc;
