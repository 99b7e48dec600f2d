import { Table, type TableColumnsType, Typography } from 'antd';
import type { OwnerRowDto } from '../../api/analytics';
import { belowGoal, RED, useAnalysisText } from './analysisText';

/** Owners ranked by completion rate, lowest first (the server's order); below the goal in red. */
export function OwnersTable({ owners, goal }: { owners: OwnerRowDto[]; goal: number }) {
  const text = useAnalysisText();
  const { t } = text;
  const columns: TableColumnsType<OwnerRowDto> = [
    { key: 'rank', title: '#', width: 48, render: (_, row) => owners.indexOf(row) + 1 },
    { key: 'owner', title: t('analysis.col.owner'), dataIndex: 'name', fixed: 'left', width: 120 },
    {
      key: 'completionRate',
      title: t('analysis.col.completionRate'),
      align: 'right',
      width: 110,
      render: (_, row) => {
        const low = belowGoal(row.completionRate, goal);
        return (
          <Typography.Text
            strong
            style={{ color: low ? RED : undefined }}
            data-testid={`owner-rate-${row.ownerId}`}
            data-below-goal={low}
          >
            {text.percent(row.completionRate)}
          </Typography.Text>
        );
      },
    },
    { key: 'raised', title: t('analysis.col.raised'), dataIndex: 'raised', align: 'right', width: 80 },
    { key: 'completed', title: t('analysis.col.completed'), dataIndex: 'completed', align: 'right', width: 80 },
    { key: 'onTime', title: t('analysis.col.onTime'), dataIndex: 'onTime', align: 'right', width: 90 },
    { key: 'closed', title: t('analysis.col.closed'), dataIndex: 'closed', align: 'right', width: 80 },
    { key: 'extensions', title: t('analysis.col.extensions'), dataIndex: 'extensions', align: 'right', width: 90 },
    {
      key: 'reassignments',
      title: t('analysis.col.reassignments'),
      dataIndex: 'reassignments',
      align: 'right',
      width: 90,
    },
  ];
  return (
    <Table<OwnerRowDto>
      size="small"
      rowKey="ownerId"
      columns={columns}
      dataSource={owners}
      pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
      scroll={{ x: 'max-content' }}
      data-testid="owners-table"
    />
  );
}
