import { type Static, type TSchema, Type } from 'typebox';
import { KIND_VALUES, STAGE_VALUES } from '../forecast/contract.js';
import { Literals } from '../http/schemas.js';

/** Write-back row formats of SPEC §9 — a contract other systems are built against: keep the names. */
const Text = (max = 60) => Type.String({ minLength: 1, maxLength: max });
const LineNo = Type.Union([Type.String({ minLength: 1, maxLength: 20 }), Type.Integer({ minimum: 0 })]);
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const MonthText = Type.String({ pattern: '^\\d{4}-\\d{2}$' });
const Amount = Type.Number({ minimum: -1e15, maximum: 1e15 });
const Void = Type.Optional(Type.Boolean());
const NonNegative = Type.Number({ minimum: 0, maximum: 1e15 });
/** Keys and amounts are checked one by one (validate.ts), so a problem names `shipments.2026-13`. */
const MonthMap = Type.Record(Type.String(), Type.Unknown());
const Row = <T extends Parameters<typeof Type.Object>[0]>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

export const ROW_SCHEMAS = {
  shipments: Row({
    source: Text(20),
    docNo: Text(),
    lineNo: LineNo,
    date: DateText,
    customerCode: Text(),
    opportunityCode: Type.Optional(Type.Union([Text(), Type.Null()])),
    amount: Amount,
    cost: Type.Optional(Type.Union([Amount, Type.Null()])),
    void: Void,
  }),
  'shipment-plans': Row({
    source: Text(20),
    planNo: Text(),
    lineNo: LineNo,
    month: MonthText,
    customerCode: Text(),
    opportunityCode: Type.Optional(Type.Union([Text(), Type.Null()])),
    amount: Amount,
    void: Void,
  }),
  orders: Row({
    orderNo: Text(),
    lineNo: LineNo,
    date: DateText,
    customerCode: Text(),
    opportunityCode: Type.Optional(Type.Union([Text(), Type.Null()])),
    amount: Amount,
    void: Void,
  }),
  expenses: Row({
    docNo: Text(),
    lineNo: LineNo,
    date: DateText,
    trackCode: Text(),
    amCode: Type.Optional(Type.Union([Text(), Type.Null()])),
    category: Type.Optional(Type.Union([Text(100), Type.Null()])),
    amount: Amount,
    void: Void,
  }),
  receivables: Row({ asOf: DateText, customerCode: Text(), balance: Amount, void: Void }),
  targets: Row({
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    month: Type.Integer({ minimum: 1, maximum: 12 }),
    kind: Type.Union([Type.Literal('sales'), Type.Literal('orders')]),
    trackCode: Text(),
    amCode: Type.Optional(Type.Union([Text(), Type.Null()])),
    amount: Amount,
    void: Void,
  }),
  customers: Row({ code: Text(), name: Text(100), amCode: Text() }),
  /**
   * 商机 at year start (SPEC §9.1 "Year start"): upsert by code; the values form the version that leads
   * (rolling; the quote for commodity). Month maps are `{"YYYY-MM": amount}`, checked key by key.
   */
  opportunities: Row({
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^\\S(.*\\S)?$' }),
    name: Text(200),
    customerCode: Text(),
    kind: Type.Union(KIND_VALUES.map((k) => Type.Literal(k))),
    stage: Type.Union(STAGE_VALUES.map((k) => Type.Literal(k))),
    orderMonth: Type.Optional(Type.Union([MonthText, Type.Null()])),
    amount: Type.Optional(Type.Union([NonNegative, Type.Null()])),
    shipments: Type.Optional(MonthMap),
    orders: Type.Optional(MonthMap),
    reason: Type.Optional(Type.Union([Text(2000), Type.Null()])),
  }),
} satisfies Record<string, TSchema>;

export type ExchangeKind = keyof typeof ROW_SCHEMAS;
export const EXCHANGE_KINDS = Object.keys(ROW_SCHEMAS) as ExchangeKind[];
export type RowOf<K extends ExchangeKind> = Static<(typeof ROW_SCHEMAS)[K]>;

export type ShipmentRow = RowOf<'shipments'>;
export type ShipmentPlanRow = RowOf<'shipment-plans'>;
export type OrderRow = RowOf<'orders'>;
export type ExpenseRow = RowOf<'expenses'>;
export type ReceivableRow = RowOf<'receivables'>;
export type TargetRow = RowOf<'targets'>;
export type CustomerRow = RowOf<'customers'>;
export type OpportunityImportRow = RowOf<'opportunities'>;

/** What a write-back answers: counts of what each row did. */
export const WriteBackResult = Type.Object({
  runId: Type.Integer(),
  kind: Type.String(),
  rows: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  voided: Type.Integer(),
  durationMs: Type.Integer(),
  /** A dry run: the counts say what would have happened; nothing was written. */
  dryRun: Type.Optional(Type.Boolean()),
});
export type WriteBackResultDto = Static<typeof WriteBackResult>;

export const RowError = Type.Object({
  row: Type.Integer(),
  field: Type.String(),
  value: Type.Unknown(),
  reason: Type.String(),
});

export const MAX_ROWS_PER_BATCH = 50_000;
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

export const CloseMonthRequest = Type.Object(
  {
    source: Type.String({
      minLength: 1,
      maxLength: 20,
      description: 'APS, ERP, PM, SAP or a source that has sent facts',
    }),
    month: Type.String({ format: 'month' }),
  },
  { additionalProperties: false },
);

export const CloseMonthResult = Type.Object({
  source: Type.String(),
  month: Type.String(),
  closed: Type.Boolean(),
  /** The month was closed before: nothing changed. */
  alreadyClosed: Type.Boolean(),
});

const NullableText = Type.Union([Type.String(), Type.Null()]);

/** One logged import or delivery (SPEC §7), as `GET /exchange/runs` answers it. */
export const RunDto = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  via: Type.String(),
  actorName: NullableText,
  startedAt: Type.String(),
  durationMs: Type.Integer(),
  status: Type.String(),
  rows: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  voided: Type.Integer(),
  errorCount: Type.Integer(),
  /** The first logged problems, each reason in the reader's language. */
  errors: Type.Array(
    Type.Object({
      row: Type.Optional(Type.Integer()),
      field: Type.Optional(Type.String()),
      value: Type.Optional(Type.Unknown()),
      reason: Type.String(),
    }),
  ),
  fileName: NullableText,
});
export type RunDto = Static<typeof RunDto>;

export const RunPage = Type.Object({ items: Type.Array(RunDto), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const RUN_STATUS_VALUES = ['running', 'ok', 'rejected', 'failed', 'dry_run', 'replayed'] as const;
/**
 * `GET /exchange/runs` filters (issue 13 item 11): what was imported, how it ended, when (whole days in the
 * company's time zone, both ends included) and by whom (a user's id).
 */
export const RunListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  cursor: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  status: Type.Optional(Literals(RUN_STATUS_VALUES)),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
  actorId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
});
export type RunFilter = Omit<Static<typeof RunListQuery>, 'limit' | 'cursor'>;
