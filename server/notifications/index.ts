/**
 * Notifications by email and webhook: an outbox written in the transaction of what caused it,
 * delivered by the sweeper (immediately or as a daily digest, retried with backoff), and each
 * person's choice of channel and timing.
 */
export { deliverNotifications, type DeliveryOutcome, type NotificationDeps } from './delivery.ts';
export { notifyAssigned, notifyBreached, notifyDueSoon, notifyEscalated } from './escalationNotices.ts';
export { notifyFreshness } from './freshnessNotices.ts';
export { myNotifications } from './history.ts';
export { smtpMailer, type Mailer, type MailMessage } from './mailer.ts';
export { notify, type NotificationEvent } from './outbox.ts';
export { isWebhookUrl, myPreferences, savePreferences, type Preferences } from './preferences.ts';
export { DUE_SOON_HOURS, MAX_ATTEMPTS, nextDigestAt, retryAt } from './schedule.ts';
export { sweepNotifications } from './sweep.ts';
