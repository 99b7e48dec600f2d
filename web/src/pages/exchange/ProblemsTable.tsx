import { Table, type TableColumnsType, Typography } from 'antd';
import { type Translate, useT } from '../../i18n';
import { useIsMobile } from '../../lib/useIsMobile';

/** A refused row of an import: the sheet's row number, the column as titled in the file, the value, why. */
export interface Problem {
  row?: number;
  field?: string;
  value?: unknown;
  reason?: string;
}

type Keyed = Problem & { key: number };

function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const Value = ({ value, width }: { value: unknown; width: number }) => (
  <Typography.Text code ellipsis={{ tooltip: showValue(value) }} style={{ maxWidth: width }}>
    {showValue(value)}
  </Typography.Text>
);

function wideColumns(t: Translate): TableColumnsType<Keyed> {
  return [
    { title: t('import.error.row'), dataIndex: 'row', width: 72, render: (row?: number) => row ?? '—' },
    { title: t('import.error.field'), dataIndex: 'field', width: 140, render: (field?: string) => field ?? '—' },
    {
      title: t('import.error.value'),
      dataIndex: 'value',
      width: 180,
      render: (value) => <Value value={value} width={160} />,
    },
    { title: t('import.error.reason'), dataIndex: 'reason' },
  ];
}

// A phone has no room for four columns: the column and its value over the reason, beside the row number.
function narrowColumns(t: Translate): TableColumnsType<Keyed> {
  return [
    { title: t('import.error.row'), dataIndex: 'row', width: 56, render: (row?: number) => row ?? '—' },
    {
      title: t('import.error.reason'),
      key: 'problem',
      render: (_, problem) => (
        <>
          <div>
            <Typography.Text strong>{problem.field ?? '—'}</Typography.Text> <Value value={problem.value} width={150} />
          </div>
          <Typography.Text type="secondary">{problem.reason}</Typography.Text>
        </>
      ),
    },
  ];
}

/** The problems of one import, paged (a rejected file can list up to a thousand). */
export function ProblemsTable({ problems, testId }: { problems: Problem[]; testId?: string }) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Table<Keyed>
      size="small"
      rowKey="key"
      columns={isMobile ? narrowColumns(t) : wideColumns(t)}
      dataSource={problems.map((problem, key) => ({ ...problem, key }))}
      pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
      scroll={isMobile ? undefined : { x: 'max-content' }}
      data-testid={testId}
    />
  );
}
