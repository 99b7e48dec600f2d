// APS deliveries: the commodity quotes pushed to APS (SPEC §7 "Out"). feeds.zh.ts carries the same keys.
import type { feedsZh } from './feeds.zh';

export const feedsEn: Record<keyof typeof feedsZh, string> = {
  'aps.title': 'Quotes pushed to APS',
  'aps.intro':
    'Every change of a commodity quote at H (or won) is pushed to APS, and one cancellation when it leaves H. Until APS acknowledges (2xx) it is retried after 1, 2, 4 … minutes (at most an hour apart), always under the same Idempotency-Key.',
  'aps.on': 'Pushed to {host}',
  'aps.off': 'CRM_APS_URL is not set: nothing is pushed; APS can pull GET /api/v1/feeds/aps-quotes',
  'aps.opportunity': 'Opportunity',
  'aps.kind': 'Content',
  'aps.kind.quote': 'Quote',
  'aps.kind.cancelled': 'Cancellation',
  'aps.status': 'Status',
  'aps.status.pending': 'Awaiting APS',
  'aps.status.sent': 'Acknowledged',
  'aps.attempts': '{n} attempts',
  'aps.lastError': 'Last error',
  'aps.createdAt': 'Queued',
  'aps.retry': 'Retry now',
  'aps.retried': 'Queued: pushed within a minute',
  'aps.empty': 'No APS deliveries yet',
};
