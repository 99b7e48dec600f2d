import { Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { AlertSummaryDto } from '../../api/alerts';
import { ListEmpty } from '../../components/ListStates';
import { useLang, useT } from '../../i18n';
import { formatInstant, formatMonth } from '../../lib/format';
import { serverNow } from '../../lib/serverClock';
import { factsLine, KindTag, RED, StatusTag } from './alertText';

/**
 * Past its SLA deadline (`dueAt`, fixed when the alert was raised): one the CEO still holds is measured
 * against now, one handled since against its escalation.
 */
function overdue(a: AlertSummaryDto): boolean {
  const due = Date.parse(a.dueAt);
  return (a.status === 'escalated' ? serverNow() : Date.parse(a.escalatedAt)) >= due;
}

/** The supervision opening report's forecast alerts escalated to the CEO (`alerts[]`), red when overdue. */
export function ReportAlerts({ alerts }: { alerts: AlertSummaryDto[] }) {
  const t = useT();
  const { lang } = useLang();
  const late = overdue;
  return (
    <Table<AlertSummaryDto>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={alerts}
      rowClassName={(a) => (late(a) ? 'row-alarm' : '')}
      locale={{ emptyText: <ListEmpty text={t('meeting.report.alerts.none')} /> }}
      onRow={(a) => ({ 'data-testid': `report-alert-${a.id}`, 'data-overdue': late(a) }) as object}
      data-testid="report-alerts"
      columns={[
        {
          title: t('report.alerts.col.alert'),
          key: 'alert',
          render: (_, a) => (
            <Flex gap={6} align="center" wrap>
              <Link to={`/alerts/${a.id}`} style={{ color: late(a) ? RED : undefined }}>
                #{a.id}
              </Link>
              <KindTag kind={a.kind} />
              {late(a) && <Tag color="red">{t('alerts.overdue')}</Tag>}
            </Flex>
          ),
        },
        { title: t('alerts.col.track'), key: 'track', render: (_, a) => a.trackName ?? `#${a.trackId}` },
        {
          title: t('report.alerts.col.subject'),
          key: 'subject',
          render: (_, a) => (
            <Flex vertical style={{ maxWidth: 360, whiteSpace: 'normal' }}>
              <span>
                {a.opportunityId ? (
                  <Link to={`/opportunities/${a.opportunityId}`}>{a.opportunityCode}</Link>
                ) : (
                  String(a.facts.subject ?? '')
                )}
                {a.period ? ` · ${formatMonth(a.period, lang)}` : ''}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {factsLine(a.kind, a.facts, lang, t)}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('report.alerts.col.dueAt'),
          key: 'due',
          render: (_, a) => (
            <span style={{ color: late(a) ? RED : undefined }} data-testid={`report-alert-due-${a.id}`}>
              {formatInstant(a.dueAt, lang)}
            </span>
          ),
        },
        { title: t('report.alerts.col.escalatedAt'), key: 'esc', render: (_, a) => formatInstant(a.escalatedAt, lang) },
        { title: t('report.alerts.col.note'), key: 'note', render: (_, a) => a.note ?? t('common.none') },
        { title: t('report.alerts.col.status'), key: 'status', render: (_, a) => <StatusTag status={a.status} /> },
      ]}
    />
  );
}
