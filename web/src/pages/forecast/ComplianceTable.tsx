import { Button, Progress, Table, Tag, Typography } from 'antd';
import type { ComplianceDto } from '../../api/forecast';
import type { User } from '../../api/types';
import { useT } from '../../i18n';
import { RED } from './forecastText';

type Row = ComplianceDto['ams'][number];

/** The window's compliance per AM (SPEC §6.4): who has not updated is red and first; a row opens that AM's grid. */
export function ComplianceTable({
  compliance,
  ams,
  onOpen,
}: {
  compliance: ComplianceDto;
  ams: User[];
  onOpen: (amId: number) => void;
}) {
  const t = useT();
  const nameOf = (id: number) => ams.find((u) => u.id === id)?.name ?? `#${id}`;
  const rows = [...compliance.ams].sort((a, b) => b.missing.length - a.missing.length || a.amId - b.amId);
  return (
    <Table<Row>
      rowKey="amId"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      rowClassName={(r) => (r.missing.length ? 'row-alarm' : '')}
      onRow={(r) => ({ 'data-testid': `compliance-${r.amId}`, 'data-missing': r.missing.length }) as object}
      data-testid="compliance-table"
      columns={[
        {
          title: t('opps.col.am'),
          key: 'am',
          render: (_, r) => (
            <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(r.amId)}>
              {nameOf(r.amId)}
            </Button>
          ),
        },
        {
          title: t('grid.col.status'),
          key: 'progress',
          render: (_, r) => (
            <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
              <Typography.Text>{t('grid.progress', { updated: r.updated, due: r.due })}</Typography.Text>
              <Progress
                percent={r.due ? Math.round((r.updated / r.due) * 100) : 100}
                size="small"
                style={{ width: 100, margin: 0 }}
                status={r.missing.length ? 'exception' : 'success'}
                showInfo={false}
              />
            </span>
          ),
        },
        {
          title: t('grid.missing'),
          key: 'missing',
          align: 'right',
          render: (_, r) =>
            r.missing.length ? (
              <Typography.Text strong style={{ color: RED }}>
                {r.missing.length}
              </Typography.Text>
            ) : (
              <Tag color="success" style={{ marginInlineEnd: 0 }}>
                {t('grid.done')}
              </Tag>
            ),
        },
      ]}
    />
  );
}
