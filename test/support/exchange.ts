/** One ERP shipment line of customer C1 on 10 February 2026, the write-back tests' usual line. */
export const shipLine = (docNo: string, amount: unknown, extra: Record<string, unknown> = {}) => ({
  source: 'ERP',
  docNo,
  lineNo: 1,
  date: '2026-02-10',
  customerCode: 'C1',
  amount,
  ...extra,
});

/** A 2026 orders target row of track T2 (the commodity track of the test organisation), the AM's when named. */
export const t2OrdersTarget = (month: number, amount: number, amCode?: string) => ({
  year: 2026,
  month,
  kind: 'orders',
  trackCode: 'T2',
  amount,
  ...(amCode ? { amCode } : {}),
});

/** One SAP order line of customer C3 (on the commodity track T2). */
export const c3Order = (orderNo: string, date: string, amount: number) => ({
  orderNo,
  lineNo: 1,
  date,
  customerCode: 'C3',
  amount,
});
