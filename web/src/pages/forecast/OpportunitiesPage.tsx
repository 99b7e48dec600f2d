import { EditOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Drawer, Flex, Skeleton, Spin, Table, type TableColumnsType, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type OpportunityDto, useOpportunityList } from '../../api/forecast';
import { useCan, useMe } from '../../auth/session';
import { ListEmpty, ListError, LoadMore } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { SavedViews } from '../../components/SavedViews';
import { type Lang, type Translate, useLang, useT } from '../../i18n';
import { formatInstant, formatMoney, formatMonth } from '../../lib/format';
import { useIsMobile } from '../../lib/useIsMobile';
import { byWork, leadingVersion, RED, StageTag } from './forecastText';
import { OpportunityCards } from './OpportunityCards';
import { OpportunityFilters, readFilter, writeFilter } from './OpportunityFilters';

// The import flow of 数据导入, loaded only when the drawer opens.
const ImportForm = lazy(() => import('../exchange/ImportForm'));
const OPPORTUNITY_KINDS = ['opportunities'] as const;

function columns(t: Translate, lang: Lang, showAm: boolean): TableColumnsType<OpportunityDto> {
  const all: TableColumnsType<OpportunityDto> = [
    {
      title: t('opps.col.code'),
      key: 'code',
      render: (_, o) => (
        <Link to={`/opportunities/${o.id}`} data-testid={`opp-link-${o.id}`}>
          {o.code}
        </Link>
      ),
    },
    { title: t('opps.col.name'), dataIndex: 'name', ellipsis: true, width: 220 },
    { title: t('opps.col.customer'), dataIndex: 'customerName', ellipsis: true, width: 180 },
    ...(showAm ? [{ title: t('opps.col.am'), dataIndex: 'amName' as const }] : []),
    { title: t('opps.col.kind'), key: 'kind', render: (_, o) => t(`kind.${o.kind}`) },
    {
      title: t('opps.col.stage'),
      key: 'stage',
      render: (_, o) => <StageTag stage={o.stage} label={t(`stage.${o.stage}`)} />,
    },
    {
      title: t('opps.col.orderMonth'),
      key: 'orderMonth',
      render: (_, o) => {
        const month = leadingVersion(o)?.orderMonth;
        return (
          <Flex vertical>
            <span>{month ? formatMonth(month, lang) : t('common.none')}</span>
            {o.pushCount > 0 && (
              <Typography.Text style={{ color: RED, fontSize: 12 }}>
                {t('opps.pushes', { n: o.pushCount })}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('opps.col.amount'),
      key: 'amount',
      align: 'right',
      render: (_, o) => formatMoney(leadingVersion(o)?.amount, lang),
    },
    {
      title: t('opps.col.updatedAt'),
      key: 'updatedAt',
      render: (_, o) => formatInstant(o.updatedAt, lang, false),
    },
  ];
  return all;
}

/** 我的商机 (an AM) · 商机 (directors, CEO, admin, planner): the list with its filters in the address. */
export default function OpportunitiesPage() {
  const t = useT();
  const { lang } = useLang();
  const can = useCan();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const me = useMe().data;
  const client = useQueryClient();
  const [importing, setImporting] = useState(false);
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const query = writeFilter(filter);
  const list = useOpportunityList(filter, !!me);
  const rows = [...list.items].sort(byWork);
  const own = me?.scope.kind === 'own';
  const body = list.isError ? (
    <ListError error={list.error} onRetry={() => list.refetch()} />
  ) : isMobile ? (
    list.isPending ? (
      <Skeleton active />
    ) : list.items.length === 0 ? (
      <ListEmpty text={t('opps.empty')} />
    ) : (
      <OpportunityCards rows={rows} />
    )
  ) : (
    <Table<OpportunityDto>
      rowKey="id"
      size="middle"
      columns={columns(t, lang, !own)}
      dataSource={rows}
      loading={list.isPending}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: list.isPending ? ' ' : <ListEmpty text={t('opps.empty')} /> }}
      onRow={(o) => ({ 'data-testid': `opp-row-${o.id}` }) as object}
      data-testid="opp-table"
    />
  );
  return (
    <div data-testid="opportunities-page">
      <PageHeader
        title={own ? t('opps.title') : t('opps.titleAll')}
        extra={
          can('forecast.write') && (
            <Flex gap={8} wrap>
              <Button icon={<FileExcelOutlined />} onClick={() => setImporting(true)} data-testid="opp-import">
                {t('opps.import')}
              </Button>
              <Button icon={<EditOutlined />} onClick={() => navigate('/forecast/update')} data-testid="opp-to-update">
                {t('opps.toUpdate')}
              </Button>
            </Flex>
          )
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <div style={{ marginBottom: 8 }}>
          <SavedViews page="opportunities" query={query} onApply={(next) => setParams(next, { replace: true })} />
        </div>
        <OpportunityFilters
          key={params.get('q') ?? ''}
          filter={filter}
          onChange={(next) => setParams(writeFilter(next), { replace: true })}
          showTrack={me?.scope.kind === 'all'}
          showAm={!own}
        />
        {body}
        <LoadMore count={list.items.length} {...list} />
      </Card>
      <Drawer
        open={importing}
        onClose={() => setImporting(false)}
        title={t('opps.importTitle')}
        size={isMobile ? '100%' : 720}
        destroyOnHidden
        data-testid="opp-import-drawer"
      >
        <Suspense fallback={<Spin />}>
          <ImportForm
            kinds={OPPORTUNITY_KINDS}
            initialKind="opportunities"
            onImported={() => client.invalidateQueries({ queryKey: ['opportunities'] })}
          />
        </Suspense>
      </Drawer>
    </div>
  );
}
