import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Flex, Grid, Input, Select, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  EXCHANGE_KINDS,
  type ExchangeKind,
  type ExchangeRun,
  RUN_STATUSES,
  type RunFilter,
  type RunStatus,
  useExchangeRuns,
} from '../../api/exchange';
import { useUserLookup } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { PagedTable } from '../../components/PagedTable';
import { FILTER_STYLE, PageHeader } from '../../components/PageHeader';
import { hasMessage, type Translate, useLang, useT } from '../../i18n';
import { formatCount, formatInstant } from '../../lib/format';
import { useIsMobile } from '../../lib/useIsMobile';
import { ProblemsTable } from './ProblemsTable';

// ok green; refused or failed red; checks and replays change nothing, so grey.
const STATUS_COLOR: Record<string, string> = {
  ok: 'green',
  rejected: 'red',
  failed: 'red',
  dry_run: 'default',
  replayed: 'default',
  running: 'processing',
};

const label = (t: Translate, prefix: string, value: string) => {
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? t(key) : value;
};

function columns(
  t: Translate,
  lang: 'zh-CN' | 'en',
  onErrors: (run: ExchangeRun) => void,
  phone: boolean,
): TableColumnsType<ExchangeRun> {
  const seconds = (ms: number) =>
    ms < 1000 ? t('runs.ms', { n: ms }) : t('runs.seconds', { n: (ms / 1000).toFixed(ms < 10_000 ? 1 : 0) });
  const kindOf = (run: ExchangeRun) => label(t, 'exchange.kind', run.kind);
  const statusTag = (value: string) => (
    <Tag color={STATUS_COLOR[value] ?? 'default'} data-testid={`run-status-${value}`}>
      {label(t, 'runs.status', value)}
    </Tag>
  );
  const status: TableColumnsType<ExchangeRun>[number] = {
    title: t('runs.status'),
    dataIndex: 'status',
    render: statusTag,
  };
  const rows: TableColumnsType<ExchangeRun>[number] = {
    title: t('runs.rows'),
    dataIndex: 'rows',
    align: 'right',
    render: (n: number) => formatCount(n, lang),
  };
  const errors: TableColumnsType<ExchangeRun>[number] = {
    title: t('runs.errors'),
    dataIndex: 'errorCount',
    align: 'right',
    render: (count: number, run) =>
      count > 0 || run.errors.length > 0 ? (
        <Button type="link" size="small" danger onClick={() => onErrors(run)} data-testid="run-errors">
          {count || run.errors.length}
        </Button>
      ) : (
        <Typography.Text type="secondary">0</Typography.Text>
      ),
  };
  // A phone shows what ran and how it ended; the rest is for wider screens.
  if (phone)
    return [
      {
        title: t('runs.kind'),
        key: 'run',
        render: (_, run) => (
          <>
            <div>
              {kindOf(run)} {statusTag(run.status)}
            </div>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 190 }}>
              {formatInstant(run.startedAt, lang)}
              {run.fileName ? ` · ${run.fileName}` : ''}
            </Typography.Text>
          </>
        ),
      },
      rows,
      errors,
    ];
  return [
    { title: t('runs.startedAt'), dataIndex: 'startedAt', render: (at: string) => formatInstant(at, lang) },
    { title: t('runs.kind'), key: 'kind', render: (_, run) => kindOf(run) },
    {
      // the file (or how the rows came, when there was none), then how and by whom
      title: t('runs.source'),
      key: 'source',
      render: (_, run) => {
        const via = label(t, 'runs.via', run.via);
        return (
          <>
            <Typography.Text ellipsis={{ tooltip: run.fileName }} style={{ maxWidth: 220, display: 'block' }}>
              {run.fileName ?? via}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {run.fileName ? `${via} · ${run.actorName ?? '—'}` : (run.actorName ?? '—')}
            </Typography.Text>
          </>
        );
      },
    },
    status,
    rows,
    {
      title: t('runs.changes'),
      key: 'changes',
      responsive: ['lg'],
      render: (_, run) =>
        [run.inserted, run.updated, run.unchanged, run.voided].map((n) => formatCount(n, lang)).join(' / '),
    },
    errors,
    { title: t('runs.duration'), dataIndex: 'durationMs', align: 'right', responsive: ['lg'], render: seconds },
  ];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (value: string | null) => (value && DAY.test(value) ? value : undefined);

/** The filters live in the address (?kind=&status=&from=&to=&actorId=): a filtered log is a bookmark. */
function readRunFilter(params: URLSearchParams): RunFilter {
  const actorId = Number(params.get('actorId'));
  return {
    kind: EXCHANGE_KINDS.find((k) => k === params.get('kind')),
    status: RUN_STATUSES.find((s) => s === params.get('status')),
    from: dayOf(params.get('from')),
    to: dayOf(params.get('to')),
    actorId: Number.isInteger(actorId) && actorId > 0 ? actorId : undefined,
  };
}

function writeRunFilter(filter: RunFilter): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]) => [key, String(value)]),
  );
}

/** What was imported, how it ended, which days (company time zone, both included) and who sent it. */
function RunFilters({ filter, onChange }: { filter: RunFilter; onChange: (next: RunFilter) => void }) {
  const t = useT();
  const style = useIsMobile() ? { flex: '1 1 140px' } : FILTER_STYLE;
  const users = useUserLookup({});
  const set = (patch: Partial<RunFilter>) => onChange({ ...filter, ...patch });
  const filtered = Object.values(filter).some((value) => value !== undefined);
  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid="runs-filters">
      <Select<ExchangeKind>
        allowClear
        placeholder={t('runs.kind')}
        value={filter.kind as ExchangeKind | undefined}
        style={style}
        options={EXCHANGE_KINDS.map((value) => ({ value, label: t(`exchange.kind.${value}`) }))}
        onChange={(kind) => set({ kind })}
        data-testid="runs-filter-kind"
      />
      <Select<RunStatus>
        allowClear
        placeholder={t('runs.status')}
        value={filter.status}
        style={style}
        options={RUN_STATUSES.map((value) => ({ value, label: label(t, 'runs.status', value) }))}
        onChange={(status) => set({ status })}
        data-testid="runs-filter-status"
      />
      <Select<number>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('runs.filter.actor')}
        value={filter.actorId}
        style={style}
        options={(users.data ?? []).map((user) => ({ value: user.id, label: user.name }))}
        onChange={(actorId) => set({ actorId })}
        data-testid="runs-filter-actor"
      />
      <Flex gap={4} align="center" style={{ flex: '1 1 300px', maxWidth: 340 }}>
        <Input
          type="date"
          aria-label={t('runs.filter.from')}
          value={filter.from ?? ''}
          max={filter.to}
          onChange={(e) => set({ from: dayOf(e.target.value) })}
          data-testid="runs-filter-from"
        />
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', flex: 'none' }}>
          {t('runs.filter.to')}
        </Typography.Text>
        <Input
          type="date"
          aria-label={t('runs.filter.until')}
          value={filter.to ?? ''}
          min={filter.from}
          onChange={(e) => set({ to: dayOf(e.target.value) })}
          data-testid="runs-filter-to"
        />
      </Flex>
      {filtered && (
        <Button type="link" onClick={() => onChange({})} data-testid="runs-filter-reset">
          {t('runs.filter.reset')}
        </Button>
      )}
    </Flex>
  );
}

/** 导入记录 (SPEC §7): every import and its counts, duration and problems, newest first, filterable. */
export default function RunsPage() {
  const t = useT();
  const { lang } = useLang();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const filter = readRunFilter(params);
  const runs = useExchangeRuns(filter);
  const filtered = Object.values(filter).some((value) => value !== undefined);
  const [open, setOpen] = useState<ExchangeRun | null>(null);
  const subject = open ? (open.fileName ?? label(t, 'exchange.kind', open.kind)) : '';
  return (
    <div data-testid="runs-page">
      <PageHeader
        title={t('runs.title')}
        extra={
          can('exchange.write') && (
            <Link to="/exchange/import">
              <Button type="primary" icon={<UploadOutlined />}>
                {t('nav.import')}
              </Button>
            </Link>
          )
        }
      />
      <Card>
        <RunFilters filter={filter} onChange={(next) => setParams(writeRunFilter(next), { replace: true })} />
        <PagedTable<ExchangeRun>
          list={runs}
          columns={columns(t, lang, setOpen, isMobile)}
          size={isMobile ? 'small' : 'middle'}
          scroll={isMobile ? {} : undefined}
          emptyText={filtered ? t('runs.emptyFiltered') : t('runs.empty')}
          testId="runs-table"
        />
      </Card>
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        title={t('runs.errorsTitle', { subject })}
        size={screens.md ? 640 : '100%'}
        destroyOnHidden
      >
        {open && open.errorCount > open.errors.length && (
          <Typography.Paragraph type="secondary">
            {t('runs.errorsLogged', { total: open.errorCount, n: open.errors.length })}
          </Typography.Paragraph>
        )}
        {open && <ProblemsTable problems={open.errors} testId="run-problems" />}
      </Drawer>
    </div>
  );
}
