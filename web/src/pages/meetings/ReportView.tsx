import { DownloadOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Grid, Select, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import type { ApiError } from '../../api/client';
import { API_BASE } from '../../api/client';
import {
  type Meeting,
  type OpeningReport,
  type OpeningReportPreview,
  useOpeningReport,
  useRegenerateReport,
  useReportPreview,
} from '../../api/meetings';
import { ListError } from '../../components/ListStates';
import { hasMessage, type MessageKey, useLang, useT } from '../../i18n';
import { formatList, formatPercent } from '../../lib/format';
import { shortInstant } from '../../lib/meetingTime';
import { ReportAlerts } from '../alerts/ReportAlerts';
import { ReportTaskTable } from './ReportTaskTable';

interface Props {
  meeting: Meeting;
  version: number | undefined;
  onVersion: (version: number | undefined) => void;
  mayRegenerate: boolean;
  actions?: Parameters<typeof ReportTaskTable>[0]['actions'];
}

function Counts({ report }: { report: Pick<OpeningReport, 'counts' | 'meeting'> }) {
  const t = useT();
  const { lang } = useLang();
  const c = report.counts;
  const red = { color: '#dc2626' };
  return (
    <Flex wrap gap={24} data-testid="report-counts">
      <Statistic title={t('meeting.count.pending')} value={c.pending} />
      <Statistic
        title={t('meeting.count.overdue')}
        value={c.overdue}
        styles={{ content: c.overdue ? red : undefined }}
      />
      {report.meeting.type === 'supervision' && (
        <Statistic
          title={t('meeting.count.escalated')}
          value={c.escalated}
          styles={{ content: c.escalated ? red : undefined }}
        />
      )}
      {report.meeting.type === 'supervision' && (
        <Statistic
          title={t('meeting.count.escalatedOverdue')}
          value={c.escalatedOverdue}
          styles={{ content: c.escalatedOverdue ? red : undefined }}
        />
      )}
      <Statistic title={t('meeting.count.completed')} value={c.completed} />
      <Statistic title={t('meeting.count.completionRate')} value={formatPercent(c.completionRate, lang)} />
      <Statistic title={t('meeting.count.extensions')} value={c.extensions} />
      <Statistic title={t('meeting.count.reassignments')} value={c.reassignments} />
    </Flex>
  );
}

/** 开场报告 in meeting mode: the chosen version's snapshot with live status, export and print. */
export function ReportView({ meeting, version, onVersion, mayRegenerate, actions }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const report = useOpeningReport(meeting.id, version);
  // Before the first version, what the report will hold — computed now, not stored (issue 13, item 9).
  const none = report.isError && (report.error as ApiError).status === 404 && version === undefined;
  const preview = useReportPreview(meeting.id, none);
  // On a phone the banner's button goes under its text: beside it, it squeezed the text to a few characters a line.
  const wide = Grid.useBreakpoint().sm !== false;
  const regenerate = useRegenerateReport(meeting.id);
  const make = async () => {
    try {
      const made = await regenerate.mutateAsync();
      onVersion(undefined);
      message.success(t('meeting.report.generated', { version: made.version }));
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  const regenerateButton = mayRegenerate && (
    <Button icon={<ReloadOutlined />} onClick={make} loading={regenerate.isPending} data-testid="report-regenerate">
      {t(report.data ? 'meeting.report.regenerate' : 'meeting.report.generate')}
    </Button>
  );
  if (none) {
    if (preview.isError)
      return (
        <Empty description={t('meeting.report.none')} data-testid="report-none">
          {regenerateButton}
        </Empty>
      );
    if (!preview.data) return <Skeleton active />;
    const p = preview.data;
    return (
      <Flex vertical gap={16} data-testid="report-preview">
        <Alert
          type="info"
          showIcon
          title={
            <Space wrap>
              <Tag color="blue" data-testid="report-preview-tag">
                {t('meeting.report.preview')}
              </Tag>
              {t('meeting.report.previewTitle', { at: shortInstant(p.computedAt, lang) })}
            </Space>
          }
          description={
            wide || !regenerateButton ? (
              t('meeting.report.previewHint')
            ) : (
              <Flex vertical gap={8} align="flex-start">
                {t('meeting.report.previewHint')}
                {regenerateButton}
              </Flex>
            )
          }
          action={(wide && regenerateButton) || undefined}
        />
        <ReportBody meeting={meeting} r={p} actions={actions} />
      </Flex>
    );
  }
  if (report.isError) return <ListError error={report.error} onRetry={() => report.refetch()} />;
  const r = report.data;
  if (!r) return <Skeleton active />;
  const label = (v: OpeningReport['versions'][number]) =>
    t('meeting.report.version', {
      version: v.version,
      trigger: t(`meeting.report.trigger.${v.trigger}` as MessageKey),
      at: shortInstant(v.generatedAt, lang),
    });
  return (
    <Flex vertical gap={16} data-testid="report-view">
      <Flex wrap gap={8} justify="space-between" align="center" className="no-print">
        <Select
          style={{ minWidth: 280 }}
          value={r.version}
          onChange={(v) => onVersion(v === r.versions.at(-1)?.version ? undefined : v)}
          options={[...r.versions].reverse().map((v) => ({ value: v.version, label: label(v) }))}
          data-testid="report-version"
        />
        <Space wrap>
          {regenerateButton}
          <Button
            icon={<DownloadOutlined />}
            href={`${API_BASE}/meetings/${meeting.id}/opening-report.xlsx?version=${r.version}`}
          >
            {t('meeting.report.export')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('meeting.report.print')}
          </Button>
        </Space>
      </Flex>
      <Typography.Text type="secondary" className="print-only">
        {label(r)}
      </Typography.Text>
      <ReportBody meeting={meeting} r={r} actions={actions} />
    </Flex>
  );
}

/** A version's (or the preview's) counts, data-as-of warning, escalated tasks by track, tasks and alerts. */
function ReportBody({
  meeting,
  r,
  actions,
}: {
  meeting: Meeting;
  r: OpeningReport | OpeningReportPreview;
  actions: Props['actions'];
}) {
  const t = useT();
  const { lang } = useLang();
  const kindName = (kind: string) => (hasMessage(`board.kind.${kind}`) ? t(`board.kind.${kind}` as MessageKey) : kind);
  const incomplete = r.board.dataAsOf.filter((s) => !s.complete).map((s) => `${s.source} ${kindName(s.kind)}`);
  const escalatedGroups = r.escalatedByTrack.map((g) => ({
    ...g,
    tasks: r.escalated.filter((task) => task.trackId === g.trackId),
  }));
  return (
    <>
      <Counts report={r} />
      {incomplete.length > 0 && (
        <Alert type="warning" showIcon title={t('meeting.dataIncomplete', { sources: formatList(incomplete, lang) })} />
      )}
      {meeting.type === 'supervision' && (
        <Card
          size="small"
          title={
            <Space>
              <span style={{ color: '#dc2626' }}>{t('meeting.report.escalated')}</span>
              <Tag color="#dc2626">{r.escalated.length}</Tag>
            </Space>
          }
        >
          {escalatedGroups.length === 0 ? (
            <ReportTaskTable tasks={[]} live={r.live} testId="report-escalated" />
          ) : (
            <Flex vertical gap={12} data-testid="report-escalated">
              {escalatedGroups.map((g) => (
                <div key={g.trackId}>
                  <Typography.Title level={5} style={{ margin: '4px 0' }}>
                    {t('meeting.group.track', { track: g.trackName ?? '', n: g.count })}
                  </Typography.Title>
                  <ReportTaskTable
                    tasks={g.tasks}
                    live={r.live}
                    actions={actions}
                    testId={`report-escalated-${g.trackId}`}
                  />
                </div>
              ))}
            </Flex>
          )}
        </Card>
      )}
      <Card
        size="small"
        title={
          <Space>
            {t('meeting.report.pending')}
            <Typography.Text type="secondary">{t('meeting.report.pendingHint')}</Typography.Text>
          </Space>
        }
      >
        <ReportTaskTable tasks={r.pending} live={r.live} actions={actions} testId="report-pending" />
      </Card>
      <Card size="small" title={t('meeting.report.completed')}>
        <ReportTaskTable tasks={r.completed} live={r.live} actions={actions} testId="report-completed" />
      </Card>
      {meeting.type === 'supervision' && (
        <Card
          size="small"
          title={
            <Space>
              {t('meeting.report.alerts')}
              <Tag color={r.alerts.length ? '#dc2626' : undefined}>{r.alerts.length}</Tag>
            </Space>
          }
        >
          <ReportAlerts alerts={r.alerts} />
        </Card>
      )}
    </>
  );
}
