import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { QuarterlyDto } from '../../api/analytics';
import { belowGoal, RED, useAnalysisText } from './analysisText';

interface Kpi {
  key: string;
  title: string;
  value: string;
  sub: string;
  red?: boolean;
}

function KpiCard({ kpi }: { kpi: Kpi }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`kpi-${kpi.key}`} data-below-goal={kpi.red ?? false}>
      <Typography.Text type="secondary">{kpi.title}</Typography.Text>
      <div
        data-testid={`kpi-${kpi.key}-value`}
        style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3, color: kpi.red ? RED : undefined }}
      >
        {kpi.value}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {kpi.sub}
      </Typography.Text>
    </Card>
  );
}

/** The quarter in eight numbers; completion and on-time rates red below the goal. */
export function KpiCards({ data }: { data: QuarterlyDto }): ReactNode {
  const text = useAnalysisText();
  const { t } = text;
  const base = data.raised - data.closed;
  const supervisionOnly = data.type === 'supervision';
  const kpis: Kpi[] = [
    {
      key: 'raised',
      title: t('analysis.kpi.raised'),
      value: String(data.raised),
      sub: t('analysis.kpi.raised.split', { supervision: data.raised - data.weeklyRaised, weekly: data.weeklyRaised }),
    },
    {
      key: 'completionRate',
      title: t('analysis.kpi.completionRate'),
      value: text.percent(data.completionRate),
      sub: t('analysis.kpi.completionRate.sub', { n: data.completed, base }),
      red: belowGoal(data.completionRate, data.goal),
    },
    {
      key: 'onTimeRate',
      title: t('analysis.kpi.onTimeRate'),
      value: text.percent(data.onTimeRate),
      sub: t('analysis.kpi.onTimeRate.sub', { n: data.onTime, base }),
      red: belowGoal(data.onTimeRate, data.goal),
    },
    {
      key: 'escalationRate',
      title: t('analysis.kpi.escalationRate'),
      value: text.percent(data.escalationRate),
      sub: supervisionOnly
        ? t('analysis.kpi.escalationRate.none')
        : t('analysis.kpi.escalationRate.sub', { n: data.escalated, weekly: data.weeklyRaised }),
    },
    {
      key: 'lateEntries',
      title: t('analysis.kpi.lateEntries'),
      value: String(data.lateEntries),
      sub: t('analysis.kpi.lateEntries.sub'),
    },
    {
      key: 'meanDays',
      title: t('analysis.kpi.meanDays'),
      value:
        data.meanDaysToComplete === null
          ? '—'
          : t('analysis.kpi.meanDays.value', { n: text.number(data.meanDaysToComplete) }),
      sub: t('analysis.kpi.meanDays.sub'),
    },
    {
      key: 'perTask',
      title: t('analysis.kpi.perTask'),
      value: `${text.number(data.extensionsPerTask, 2)} / ${text.number(data.reassignmentsPerTask, 2)}`,
      sub: t('analysis.kpi.perTask.sub', { extensions: data.extensions, reassignments: data.reassignments }),
    },
    {
      key: 'closed',
      title: t('analysis.kpi.closed'),
      value: String(data.closed),
      sub: t('analysis.kpi.closed.sub'),
    },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="analysis-kpis">
      {kpis.map((kpi) => (
        <Col key={kpi.key} xs={12} lg={6}>
          <KpiCard kpi={kpi} />
        </Col>
      ))}
    </Row>
  );
}
