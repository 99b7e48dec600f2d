// Data exchange (SPEC §7): spreadsheet import and the run log. Shapes come from the server's TypeBox
// contract (types only, erased at build).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  RunDto,
  ExchangeKind as ServerExchangeKind,
  RunFilter as ServerRunFilter,
  WriteBackResult,
} from '../../../src/exchange/contract';
import type { Lang } from '../i18n';
import { API_BASE, api } from './client';
import { useCursorList } from './hooks';
import { allOf } from './types';

export type ImportResult = Static<typeof WriteBackResult>;
export type ExchangeRun = RunDto;
export type RunProblem = RunDto['errors'][number];

export type ExchangeKind = ServerExchangeKind;
/** The write-back kinds, in the order the import page offers them (every one the server knows). */
export const EXCHANGE_KINDS = allOf<ExchangeKind>()([
  'shipments',
  'shipment-plans',
  'orders',
  'expenses',
  'receivables',
  'targets',
  'customers',
  'opportunities',
]);

/** The template in the app's language: a download link carries the browser's Accept-Language, not the app's. */
export const templateUrl = (kind: ExchangeKind, lang: Lang) =>
  `${API_BASE}/exchange/templates/${kind}.xlsx${lang === 'en' ? '?lang=en' : ''}`;

export type RunFilter = ServerRunFilter;
export type RunStatus = NonNullable<RunFilter['status']>;
/** Every status a run can end in (the server's RUN_STATUS_VALUES), as the log's filter offers them. */
export const RUN_STATUSES = allOf<RunStatus>()(['ok', 'rejected', 'failed', 'dry_run', 'replayed', 'running']);
/** The import log, newest first, narrowed on the server (`kind`, `status`, `from`/`to` days, `actorId`). */
export const useExchangeRuns = (filter: RunFilter = {}) =>
  useCursorList<ExchangeRun>('exchangeRuns', '/exchange/runs', filter);

export interface UploadArgs {
  kind: ExchangeKind;
  file: File;
  dryRun: boolean;
}

/** One file through `POST /exchange/upload`; a real import refreshes the run log (a dry run is logged too). */
export function useUploadFile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file, dryRun }: UploadArgs) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<ImportResult>('/exchange/upload', { method: 'POST', query: { kind, dryRun }, body: form });
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['exchangeRuns'] }),
  });
}
