import { Button, Card, Flex, Select, Switch, Table, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  ALERT_KINDS,
  ALERT_STATUSES,
  type AlertDto,
  type AlertFilter,
  type AlertKind,
  type AlertStatus,
  useAlertList,
} from '../../api/alerts';
import { useTrackLookup } from '../../api/hooks';
import { useMe } from '../../auth/session';
import { ListEmpty, ListError, LoadMore } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { formatInstant, formatMonth } from '../../lib/format';
import { useIsMobile } from '../../lib/useIsMobile';
import { AlertActions } from './AlertActions';
import { AlertCards } from './AlertCards';
import { AlertDrawer } from './AlertDrawer';
import { DueCell, factsLine, KindTag, StatusTag, subjectOf } from './alertText';

/**
 * The address holds the filters, so an inbox view is a bookmark. Without `status` each role sees its own
 * work: the CEO what was escalated to her, everyone else what is still open; `status=all` shows all.
 */
function readFilter(params: URLSearchParams, role: string | undefined): AlertFilter & { statusParam: string } {
  const raw = params.get('status');
  const fallback: AlertStatus = role === 'ceo' ? 'escalated' : 'open';
  const status = raw === 'all' ? undefined : (ALERT_STATUSES.find((s) => s === raw) ?? fallback);
  const kind = ALERT_KINDS.find((k) => k === params.get('kind'));
  const trackId = Number(params.get('trackId')) || undefined;
  const overdue = params.get('overdue') === 'true' ? true : undefined;
  return { status, kind, trackId, overdue, statusParam: raw === 'all' ? 'all' : (status ?? 'all') };
}

/** 预警: the AM's own alerts, the director's inbox with the SLA countdown, the CEO's escalated ones. */
export default function AlertsPage() {
  const t = useT();
  const { lang } = useLang();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const me = useMe().data;
  const role = me?.user.role;
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const { statusParam, ...filter } = readFilter(params, role);
  const list = useAlertList(filter);
  const tracks = useTrackLookup(role !== 'am');
  const trackName = (tid: number) => tracks.data?.find((x) => x.id === tid)?.name ?? `#${tid}`;
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const open = (alertId: number) => navigate({ pathname: `/alerts/${alertId}`, search: params.toString() });
  const close = () => navigate({ pathname: '/alerts', search: params.toString() });
  const columns = [
    { title: t('alerts.col.id'), key: 'id', render: (_: unknown, a: AlertDto) => `#${a.id}` },
    {
      // the status under the kind: the row keeps its buttons in view on a laptop screen, in English too
      title: `${t('alerts.col.kind')} / ${t('alerts.col.status')}`,
      key: 'kind',
      render: (_: unknown, a: AlertDto) => (
        <Flex vertical gap={4} align="start">
          <KindTag kind={a.kind} />
          <StatusTag status={a.status} />
        </Flex>
      ),
    },
    {
      title: t('alerts.col.subject'),
      key: 'subject',
      render: (_: unknown, a: AlertDto) => (
        <Flex vertical style={{ maxWidth: 300, whiteSpace: 'normal' }}>
          <Typography.Link onClick={() => open(a.id)} data-testid={`alert-link-${a.id}`}>
            {subjectOf(a)}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {factsLine(a.kind, a.facts, lang, t)}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(role === 'am'
      ? []
      : [{ title: t('alerts.col.track'), key: 'track', render: (_: unknown, a: AlertDto) => trackName(a.trackId) }]),
    {
      title: t('alerts.col.period'),
      key: 'period',
      render: (_: unknown, a: AlertDto) => (a.period ? formatMonth(a.period, lang) : t('common.none')),
    },
    {
      // raised under the countdown: one column less keeps the row on a laptop screen
      title: t('alerts.col.due'),
      key: 'due',
      render: (_: unknown, a: AlertDto) => (
        <Flex vertical>
          <DueCell alert={a} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('alerts.col.raisedAt')} {formatInstant(a.raisedAt, lang)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      // the buttons stay in view when the facts make the row wider than the screen
      fixed: 'right' as const,
      render: (_: unknown, a: AlertDto) => <AlertActions alert={a} />,
    },
  ];
  const filtered = params.toString() !== '';
  return (
    <div data-testid="alerts-page">
      <PageHeader title={role === 'am' ? t('alerts.titleMine') : t('alerts.title')} />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 12 }} align="center">
          <Select<string>
            style={{ minWidth: 150 }}
            value={statusParam}
            onChange={(v) => set('status', v)}
            options={[
              { value: 'all', label: t('alerts.filter.all') },
              ...ALERT_STATUSES.map((s) => ({ value: s, label: t(`alerts.status.${s}`) })),
            ]}
            aria-label={t('alerts.filter.status')}
            data-testid="alerts-status"
          />
          <Select<AlertKind>
            allowClear
            style={{ minWidth: 170 }}
            value={filter.kind}
            placeholder={t('alerts.filter.kind')}
            onChange={(v) => set('kind', v)}
            options={ALERT_KINDS.map((k) => ({ value: k, label: t(`alerts.kind.${k}`) }))}
            data-testid="alerts-kind"
          />
          {(role === 'ceo' || role === 'admin') && (
            <Select<number>
              allowClear
              style={{ minWidth: 150 }}
              value={filter.trackId}
              placeholder={t('alerts.filter.track')}
              onChange={(v) => set('trackId', v === undefined ? undefined : String(v))}
              options={(tracks.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              data-testid="alerts-track"
            />
          )}
          <Flex gap={6} align="center">
            <Switch
              size="small"
              checked={filter.overdue === true}
              onChange={(on) => set('overdue', on ? 'true' : undefined)}
              data-testid="alerts-overdue"
            />
            <Typography.Text>{t('alerts.filter.overdue')}</Typography.Text>
          </Flex>
          {filtered && (
            <Button type="link" onClick={() => setParams({}, { replace: true })}>
              {t('alerts.filter.reset')}
            </Button>
          )}
        </Flex>
        {list.isError ? (
          <ListError error={list.error} onRetry={() => list.refetch()} />
        ) : isMobile ? (
          <AlertCards list={list} onOpen={open} />
        ) : (
          <Table<AlertDto>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={list.items}
            rowClassName={(a) => (a.overdue ? 'row-alarm' : '')}
            locale={{ emptyText: list.isPending ? ' ' : <ListEmpty text={t('alerts.empty')} /> }}
            onRow={(a) => ({ 'data-testid': `alert-row-${a.id}`, 'data-status': a.status }) as object}
            columns={columns}
          />
        )}
        {!isMobile && <LoadMore count={list.items.length} {...list} />}
      </Card>
      <AlertDrawer id={id ? Number(id) : null} onClose={close} />
    </div>
  );
}
