import { type Static, type TSchema, Type } from 'typebox';
import { BusinessLineSchema, KindSchema, QuoteItem, StageSchema } from '../forecast/contract.js';
import { Instant, Literals, PageQuery } from '../http/schemas.js';

/** The feeds to planners and APS (SPEC §7 "Out", §9.1 `Feeds`): the field names are a contract. */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** `{"YYYY-MM": amount}` as answered (months in order). */
const MonthAmounts = Type.Record(Type.String(), Type.Number());

export const FEED_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** `GET /feeds/forecast`: `updatedSince` inclusive (≥); `limit` counts opportunities (each gives 1–2 items). */
export const FeedQuery = Type.Object({
  ...PageQuery,
  updatedSince: Type.Optional(Instant),
  format: Type.Optional(Literals(FEED_FORMATS)),
});
export type FeedQueryInput = Static<typeof FeedQuery>;

/** One version of one opportunity as planners read it. */
export const FeedItem = Type.Object({
  opportunityCode: Type.String(),
  customerCode: Type.String(),
  trackCode: Type.String(),
  amCode: Type.String(),
  businessLine: BusinessLineSchema,
  kind: KindSchema,
  stage: StageSchema,
  probability: Type.Number(),
  version: Literals(['rolling', 'precision'] as const),
  orderMonth: Nullable(Type.String()),
  amount: Nullable(Type.Number()),
  shipments: MonthAmounts,
  updatedAt: Type.String(),
  /** A commodity opportunity that left `H`/`won` after its quote had been in the feed. */
  removed: Type.Optional(Type.Boolean()),
});
export type FeedItemDto = Static<typeof FeedItem>;

/** A streamed file answer (CSV, XLSX): written as it is read, never built whole. */
export const StreamBody = (description: string) =>
  // A structural stream type: this contract is also read by the web app, which has no Node types.
  Type.Unsafe<{ pipe: (destination: never) => unknown }>({ type: 'string', format: 'binary', description });

export const FeedPage = Type.Object({ items: Type.Array(FeedItem), nextCursor: Nullable(Type.String()) });

/** `GET /feeds/aps-quotes`: the APS outbox's rows, oldest first. */
export const ApsQuoteQuery = Type.Object({ ...PageQuery, updatedSince: Type.Optional(Instant) });

export const ApsQuote = Type.Object({
  deliveryId: Type.String(),
  opportunityCode: Type.String(),
  customerCode: Type.String(),
  orderMonth: Nullable(Type.String()),
  amount: Nullable(Type.Number()),
  shipments: MonthAmounts,
  stage: StageSchema,
  cancelled: Type.Boolean(),
  /** When the change was queued: the delivery's own instant, never moved by a retry. */
  updatedAt: Type.String(),
  items: Type.Optional(Type.Array(QuoteItem)),
});
export type ApsQuoteDto = Static<typeof ApsQuote>;

export const ApsQuotePage = Type.Object({ items: Type.Array(ApsQuote), nextCursor: Nullable(Type.String()) });

const DeliveryStatus = Literals(['pending', 'sent'] as const);

/** One row of the admin's APS delivery log. */
export const ApsDelivery = Type.Object({
  id: Type.Integer(),
  deliveryId: Type.String(),
  opportunityId: Type.Integer(),
  opportunityCode: Type.String(),
  cancelled: Type.Boolean(),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastError: Nullable(Type.String()),
  /** The HTTP status of the last answer (null: none yet, a timeout, or unreachable). */
  lastStatus: Nullable(Type.Integer()),
  sentAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type ApsDeliveryDto = Static<typeof ApsDelivery>;

export const ApsDeliveryListQuery = Type.Object({ ...PageQuery, status: Type.Optional(DeliveryStatus) });
export const ApsDeliveryPage = Type.Object({ items: Type.Array(ApsDelivery), nextCursor: Nullable(Type.String()) });

/** Whether pushing is configured (host only: a token in the URL never leaves the server). */
export const ApsSettings = Type.Object({ host: Nullable(Type.String()), timeoutMs: Nullable(Type.Integer()) });
