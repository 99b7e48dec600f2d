import { Alert, Button, Flex, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import type { ImportResult } from '../../api/exchange';
import { useT } from '../../i18n';
import { ProblemsTable } from './ProblemsTable';

export type Outcome = { ok: ImportResult } | { error: Error };

// The server reports the first thousand problems of a rejected file.
const REPORTED = 1000;
const COUNTS = ['rows', 'inserted', 'updated', 'unchanged', 'voided'] as const;

function Counts({ result }: { result: ImportResult }) {
  const t = useT();
  return (
    <Flex wrap gap={32} style={{ marginTop: 16 }} data-testid="import-counts">
      {COUNTS.map((key) => (
        <Statistic key={key} title={t(`import.count.${key}`)} value={result[key]} />
      ))}
    </Flex>
  );
}

/** What a check (预检) or an import came to: the counts, or why nothing was written and the rows to fix. */
export function ImportOutcome({ outcome }: { outcome: Outcome }) {
  const t = useT();
  if ('ok' in outcome) {
    const { ok } = outcome;
    return (
      <div data-testid="import-outcome">
        <Alert
          type={ok.dryRun ? 'info' : 'success'}
          showIcon
          title={ok.dryRun ? t('import.checked') : t('import.done')}
          action={
            !ok.dryRun && (
              <Link to="/exchange/runs">
                <Button size="small">{t('import.viewRuns')}</Button>
              </Link>
            )
          }
        />
        <Counts result={ok} />
      </div>
    );
  }
  const { error } = outcome;
  const problems = error instanceof ApiError && error.code === 'rows_rejected' ? error.details : [];
  const offline = error instanceof ApiError && error.status === 0;
  // rows_rejected's own message says how many problems there are and that nothing was written.
  return (
    <div data-testid="import-outcome">
      <Alert
        type="error"
        showIcon
        title={problems.length ? error.message : t('import.failed')}
        description={problems.length ? undefined : offline ? t('error.network') : error.message}
      />
      {problems.length > 0 && (
        <>
          {problems.length >= REPORTED && (
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
              {t('import.shownFirst', { n: problems.length })}
            </Typography.Paragraph>
          )}
          <div style={{ marginTop: 12 }}>
            <ProblemsTable problems={problems} testId="import-problems" />
          </div>
        </>
      )}
    </div>
  );
}
