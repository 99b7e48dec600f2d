import type { FastifyRequest } from 'fastify';
import { localeOf } from '../http/locale.js';
import type { DeliveryRow } from './channels/store.js';
import type { NotificationRow } from './store.js';
import { renderTitle } from './titles.js';

const iso = (at: Date | null) => at?.toISOString() ?? null;
// Titles are rendered in the reader's language at read time, so a notice reads well in either.
const inEnglish = (request: FastifyRequest) => localeOf(request.headers['accept-language']) === 'en';

/** The inbox's notices as the reader reads them (their language, the configured time zone). */
export function notificationPresenter(request: FastifyRequest, timeZone: string) {
  const en = inEnglish(request);
  return (row: NotificationRow) => ({
    id: row.id,
    kind: row.kind,
    title: renderTitle(row.kind, row.params, en, timeZone),
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: iso(row.readAt),
  });
}

/** The admin's delivery log: each e-mail or webhook copy of a notice with its attempts. */
export function deliveryPresenter(request: FastifyRequest, timeZone: string) {
  const en = inEnglish(request);
  return ({ delivery: d, kind, params, userId, userName }: DeliveryRow) => ({
    id: d.id,
    notificationId: d.notificationId,
    kind,
    title: renderTitle(kind, params, en, timeZone),
    channel: d.channel,
    recipient: d.recipient,
    userId,
    userName,
    messageId: d.messageId,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    lastError: d.lastError,
    sentAt: iso(d.sentAt),
    createdAt: d.createdAt.toISOString(),
  });
}
