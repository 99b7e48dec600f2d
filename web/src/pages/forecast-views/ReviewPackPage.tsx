import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Skeleton, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type ReviewPackDto, useReviewPack } from '../../api/forecastViews';
import { useUserLookup } from '../../api/hooks';
import { useMe } from '../../auth/session';
import { ListEmpty, ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { hasMessage, type MessageKey, useLang, useT } from '../../i18n';
import { formatInstant, formatMoney, formatMonth } from '../../lib/format';
import { RED } from '../forecast/forecastText';
import { basisText, changeTags, MonthSelect, PackSummary } from './packParts';

type Opp = ReviewPackDto['opportunities'][number];

function side(s: Opp['before'], t: ReturnType<typeof useT>, lang: ReturnType<typeof useLang>['lang']) {
  if (!s) return <Typography.Text type="secondary">{t('flow.absent')}</Typography.Text>;
  return t('flow.side', {
    stage: t(`stage.${s.stage}` as MessageKey),
    month: s.orderMonth ? formatMonth(s.orderMonth, lang) : t('common.none'),
    amount: formatMoney(s.amount, lang),
  });
}

/** 客户经理月度评审包: what each opportunity changed since the last snapshot, open alerts and requests; printable. */
export default function ReviewPackPage() {
  const t = useT();
  const { lang } = useLang();
  const role = useMe().data?.user.role;
  const [params, setParams] = useSearchParams();
  const amId = Number(params.get('amId')) || undefined;
  const month = params.get('month') ?? undefined;
  const ams = useUserLookup({ role: 'am' }, role !== 'am');
  // an AM reads the own pack; everyone else picks an AM first
  const ready = role === 'am' || amId !== undefined;
  const pack = useReviewPack({ amId, month }, ready);
  const [onlyChanged, setOnlyChanged] = useState(true);
  const set = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };
  const p = pack.data;
  const opps = (p?.opportunities ?? []).filter((o) => !onlyChanged || o.changes.length > 0);
  const body = () => {
    if (!ready) return <ListEmpty text={t('pack.pickAm')} />;
    if (pack.isError) return <ListError error={pack.error} onRetry={() => pack.refetch()} />;
    if (!p) return <Skeleton active />;
    return (
      <Flex vertical gap={16} data-testid="review-pack">
        <Typography.Text type="secondary">
          {p.amName} · {basisText(p.basis, lang, t)}
        </Typography.Text>
        <PackSummary summary={p.summary} compliance={p.compliance} />
        <Card
          size="small"
          title={t('pack.opportunities')}
          extra={
            <Flex gap={6} align="center" className="no-print">
              <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
              <Typography.Text>{t('pack.onlyChanged')}</Typography.Text>
            </Flex>
          }
        >
          <Table<Opp>
            rowKey="opportunityId"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={opps}
            locale={{ emptyText: <ListEmpty /> }}
            columns={[
              {
                title: t('flow.col.code'),
                key: 'code',
                render: (_, o) => <Link to={`/opportunities/${o.opportunityId}`}>{o.code}</Link>,
              },
              { title: t('flow.col.name'), dataIndex: 'name' },
              { title: t('flow.col.before'), key: 'before', render: (_, o) => side(o.before, t, lang) },
              { title: t('flow.col.after'), key: 'after', render: (_, o) => side(o.after, t, lang) },
              { title: t('pack.col.changes'), key: 'changes', render: (_, o) => changeTags(o.changes, t) },
              {
                title: t('flow.col.bucket'),
                key: 'bucket',
                render: (_, o) => (o.bucket ? t(`flow.bucket.${o.bucket}`) : t('common.none')),
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('pack.alerts')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={p.alerts}
            locale={{ emptyText: <ListEmpty /> }}
            rowClassName={(a) => (a.overdue ? 'row-alarm' : '')}
            columns={[
              {
                title: t('alerts.col.id'),
                key: 'id',
                render: (_, a) => (
                  <Link to={`/alerts/${a.id}`} style={{ color: a.overdue ? RED : undefined }}>
                    #{a.id}
                  </Link>
                ),
              },
              {
                title: t('alerts.col.kind'),
                key: 'kind',
                render: (_, a) =>
                  hasMessage(`alerts.kind.${a.kind}`) ? t(`alerts.kind.${a.kind}` as MessageKey) : a.kind,
              },
              {
                title: t('alerts.col.period'),
                key: 'period',
                render: (_, a) => (a.period ? formatMonth(a.period, lang) : t('common.none')),
              },
              {
                title: t('alerts.col.due'),
                key: 'due',
                render: (_, a) => (
                  <Flex gap={6}>
                    <span style={{ color: a.overdue ? RED : undefined }}>{formatInstant(a.dueAt, lang)}</span>
                    {a.overdue && <Tag color="red">{t('alerts.overdue')}</Tag>}
                  </Flex>
                ),
              },
              {
                title: t('alerts.col.status'),
                key: 'status',
                render: (_, a) =>
                  hasMessage(`alerts.status.${a.status}`) ? t(`alerts.status.${a.status}` as MessageKey) : a.status,
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('pack.requests')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={p.requests}
            locale={{ emptyText: <ListEmpty /> }}
            columns={[
              { title: t('pack.col.request'), key: 'id', render: (_, r) => `#${r.id}` },
              {
                title: t('requests.col.kind'),
                key: 'kind',
                render: (_, r) =>
                  hasMessage(`requests.kind.${r.kind}`) ? t(`requests.kind.${r.kind}` as MessageKey) : r.kind,
              },
              {
                title: t('requests.col.status'),
                key: 'status',
                render: (_, r) =>
                  hasMessage(`requests.status.${r.status}`) ? t(`requests.status.${r.status}` as MessageKey) : r.status,
              },
              { title: t('requests.col.submittedAt'), key: 'at', render: (_, r) => formatInstant(r.submittedAt, lang) },
              {
                title: t('pack.col.amount'),
                key: 'amount',
                align: 'right',
                render: (_, r) => formatMoney(r.amount, lang),
              },
            ]}
          />
        </Card>
      </Flex>
    );
  };
  return (
    <div data-testid="review-pack-page">
      <PageHeader
        title={t('pack.reviewTitle')}
        extra={
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="no-print">
            {t('pack.print')}
          </Button>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }} className="no-print">
        <MonthSelect value={month} onChange={(m) => set('month', m)} />
        {role !== 'am' && (
          <Select<number>
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 180 }}
            value={amId}
            placeholder={t('pack.am')}
            options={(ams.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            onChange={(v) => set('amId', v)}
            data-testid="pack-am"
          />
        )}
      </Flex>
      {body()}
    </div>
  );
}
