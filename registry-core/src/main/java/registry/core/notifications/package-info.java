/**
 * Notifications compatible with distribution's {@code notifications.endpoints}:
 * {@link registry.core.notifications.NotificationEndpoint}.
 */
package registry.core.notifications;
