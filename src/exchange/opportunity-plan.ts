/**
 * What each row of an `opportunities` import does (SPEC §9.1 "Year start") — pure: the staged rows, the
 * customers and opportunities they name, and the caller in; every refusal or the change out. The rules
 * are the forecast's own (src/forecast/rules.ts, scope.ts), so the import and the app never disagree.
 */

import {
  type BusinessLine,
  checkStageMove,
  isPush,
  KINDS_OF_LINE,
  leadingVersion,
  type MonthAmounts,
  normaliseVersion,
  precisionMissing,
  type VersionValues,
} from '../forecast/rules.js';
import type { ForecastVersionName, OpportunityKind, Stage } from '../forecast/schema.js';
import { canCreateFor, canWriteOpportunity } from '../forecast/scope.js';
import type { OpportunityView, StoredVersion } from '../forecast/store.js';
import type { Changer } from '../history/store.js';
import type { Bilingual } from '../http/locale.js';
import type { Problem } from './other-facts.js';

export type StagedOpportunity = {
  i: number;
  code: string;
  name: string;
  customer: string;
  kind: OpportunityKind;
  stage: Stage;
  orderMonth: string | null;
  amount: number | null;
  shipments: MonthAmounts | null;
  orders: MonthAmounts | null;
  reason: string | null;
  /** The row carries the version (an order month, an amount or a month column, even if null). */
  hasVersion: boolean;
};
export type CustomerFacts = { id: number; code: string; amId: number; trackId: number; businessLine: BusinessLine };

export type OpportunityFields = {
  name: string;
  kind: OpportunityKind;
  customerId: number;
  amId: number;
  trackId: number;
  businessLine: BusinessLine;
  stage: Stage;
  lostReason: string | null;
  pushCount: number;
};
export type VersionChange = {
  name: ForecastVersionName;
  values: VersionValues;
  items: unknown;
  before: StoredVersion | null;
  pushed: boolean;
};
export type PlannedChange = {
  i: number;
  code: string;
  existing: OpportunityView | null;
  next: OpportunityFields;
  /** Name, kind and customer (with AM, track and line) that changed: [field, before, after]. */
  fields: [keyof OpportunityFields, unknown, unknown][];
  stageChanged: boolean;
  version: VersionChange | null;
  reason: string | null;
};

const why = (zh: string, en: string): Bilingual => ({ zh, en });
const UNKNOWN_CUSTOMER = why('客户编码不存在', 'unknown customer code');
const CODE_NOT_YOURS = why(
  '该商机编码已被你权限范围以外的商机使用',
  'the code belongs to an opportunity outside your scope',
);
const NEW_STARTS_LOW = why('新商机只能从 lead、L 或 M 阶段开始', 'a new opportunity starts at lead, L or M');
const PUSH_NEEDS_REASON = why('下单月份推迟时须填写原因', 'moving the order month later needs a reason');
const kindMisfit = (line: BusinessLine) =>
  why(
    `该客户所在赛道的业务线只接受：${KINDS_OF_LINE[line].join('、')}`,
    `the customer's track takes only: ${KINDS_OF_LINE[line].join(', ')}`,
  );
const precisionFirst = (line: BusinessLine, missing: string[]) =>
  line === 'commodity'
    ? why(
        `进入 H 阶段前须有报价（缺少或为 0：${missing.join('、')}）`,
        `entering H needs a quote (missing or 0: ${missing.join(', ')})`,
      )
    : why(
        `进入 H 阶段前须有精度版预测（缺少或为 0：${missing.join('、')}）`,
        `entering H needs a precision forecast (missing or 0: ${missing.join(', ')})`,
      );

const mayChange = (actor: Changer, o: { trackId: number; amId: number }) =>
  actor === 'system' || canWriteOpportunity(actor, o);
const mayCreateFor = (actor: Changer, c: { trackId: number; amId: number }) =>
  actor === 'system' || canCreateFor(actor, c);

const sameMonths = (a: MonthAmounts | undefined, b: MonthAmounts | undefined) => {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((m) => b?.[m] === a?.[m]);
};
const sameVersion = (before: StoredVersion | null, after: VersionValues) =>
  before !== null &&
  before.orderMonth === after.orderMonth &&
  before.amount === after.amount &&
  sameMonths(before.shipments, after.shipments) &&
  before.hasOrders === (after.orders !== undefined) &&
  sameMonths(before.orders, after.orders);
const isEmptyVersion = (v: VersionValues) =>
  v.orderMonth === null && v.amount === null && Object.keys(v.shipments).length === 0 && !v.orders;

export type Plan = { problems: Problem[]; changes: PlannedChange[] };

/** Every row's refusals, or what it changes; rows that change nothing are left out of `changes`. */
export function planImport(
  rows: StagedOpportunity[],
  customers: Map<string, CustomerFacts>,
  existing: Map<string, OpportunityView>,
  actor: Changer,
): Plan {
  const problems: Problem[] = [];
  const changes: PlannedChange[] = [];
  for (const row of rows) {
    const found: Problem[] = [];
    const refuse = (field: string, value: unknown, reason: Bilingual) =>
      found.push({ i: row.i, field, value, why: reason });
    const customer = customers.get(row.customer);
    // Another's customer is refused as if it did not exist, as the app answers 404.
    if (!customer || !mayCreateFor(actor, customer)) refuse('customerCode', row.customer, UNKNOWN_CUSTOMER);
    const before = existing.get(row.code) ?? null;
    if (before && !mayChange(actor, before)) refuse('code', row.code, CODE_NOT_YOURS);
    if (found.length || !customer) {
      problems.push(...found);
      continue;
    }
    const change = planRow(row, customer, before, refuse);
    if (found.length) problems.push(...found);
    else if (change) changes.push(change);
  }
  return { problems, changes };
}

function planRow(
  row: StagedOpportunity,
  customer: CustomerFacts,
  before: OpportunityView | null,
  refuse: (field: string, value: unknown, reason: Bilingual) => void,
): PlannedChange | null {
  const line = customer.businessLine;
  if (!KINDS_OF_LINE[line].includes(row.kind)) refuse('kind', row.kind, kindMisfit(line));

  // The imported values are the version that leads: rolling, or the quote (precision) for commodity.
  const name = leadingVersion(line);
  const stored = before ? before[name] : null;
  let version: VersionChange | null = null;
  if (row.hasVersion) {
    const normal = normaliseVersion({
      orderMonth: row.orderMonth,
      amount: row.amount,
      shipments: row.shipments ?? {},
      ...(row.orders ? { orders: row.orders } : {}),
    });
    for (const p of normal.problems) refuse(p.field, row[p.field as 'orderMonth' | 'amount'], p.why);
    const values = normal.values;
    const unchanged = stored ? sameVersion(stored, values) : isEmptyVersion(values);
    if (!unchanged) {
      const pushed = isPush(stored?.orderMonth, values.orderMonth);
      if (pushed && !row.reason) refuse('reason', null, PUSH_NEEDS_REASON);
      version = { name, values, items: stored?.items ?? null, before: stored, pushed };
    }
  }

  const stageChanged = before !== null && before.stage !== row.stage;
  if (!before && !['lead', 'L', 'M'].includes(row.stage)) refuse('stage', row.stage, NEW_STARTS_LOW);
  if (before && stageChanged) {
    const move = checkStageMove(before.stage, row.stage, row.reason ?? undefined);
    if (!move.ok) refuse(move.field ?? 'stage', move.field ? null : row.stage, move.why);
    else if (move.needsPrecision) {
      // The gate reads the precision version as it stands after this row (the quote may come with it).
      const precision = name === 'precision' && version ? version.values : before.precision;
      const missing = precisionMissing(precision);
      if (missing.length) refuse('stage', row.stage, precisionFirst(line, missing));
    }
  }

  const next: OpportunityFields = {
    name: row.name,
    kind: row.kind,
    customerId: customer.id,
    amId: customer.amId,
    trackId: customer.trackId,
    businessLine: line,
    stage: row.stage,
    lostReason: row.stage !== 'lost' ? null : stageChanged ? row.reason : (before?.lostReason ?? null),
    pushCount: (before?.pushCount ?? 0) + (version?.pushed ? 1 : 0),
  };
  const fields = before
    ? (['name', 'kind', 'customerId', 'amId', 'trackId'] as const)
        .filter((k) => before[k] !== next[k])
        .map((k): [keyof OpportunityFields, unknown, unknown] => [k, before[k], next[k]])
    : [];
  if (before && fields.length === 0 && !stageChanged && !version) return null;
  return { i: row.i, code: row.code, existing: before, next, fields, stageChanged, version, reason: row.reason };
}
