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
