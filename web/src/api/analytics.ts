// A1 quarterly analysis (SPEC §4.6, §9): shapes from the server's TypeBox contract (types only, erased at build).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { OwnerRow, Quarterly, QuarterlyQuery } from '../../../src/analytics/contract';
import { API_BASE, api, withQuery } from './client';

export type QuarterlyDto = Static<typeof Quarterly>;
export type OwnerRowDto = Static<typeof OwnerRow>;
/** `quarter` is YYYY-Qn; type and track narrow the tasks counted. */
export type QuarterlyArgs = Static<typeof QuarterlyQuery>;
export type AnalysisType = NonNullable<QuarterlyArgs['type']>;

export function useQuarterly(args: QuarterlyArgs) {
  return useQuery({
    queryKey: ['analytics', 'quarterly', args],
    queryFn: () => api<QuarterlyDto>('/analytics/quarterly', { query: { ...args } }),
    placeholderData: keepPreviousData,
  });
}

/** The same numbers as a workbook (汇总, 按维度, 责任人), downloaded by the browser with the session cookie. */
export const quarterlyXlsxHref = (args: QuarterlyArgs): string =>
  API_BASE + withQuery('/analytics/quarterly.xlsx', { ...args });
