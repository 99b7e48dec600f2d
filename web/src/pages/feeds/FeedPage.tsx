import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { API_BASE, withQuery } from '../../api/client';
import { type FeedItemDto, useForecastFeed } from '../../api/feedsForecast';
import { PagedTable } from '../../components/PagedTable';
import { PageHeader } from '../../components/PageHeader';
import { type MessageKey, useLang, useT } from '../../i18n';
import { formatInstant, formatMoney, formatMonth } from '../../lib/format';

type Row = FeedItemDto & { id: number };

/** An instant as the browser's `datetime-local` value (local time, to the minute). */
function localInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 计划预测数据: the planner's feed with `updatedSince` in the address, its CSV / XLSX, and the URL for integrations. */
export default function FeedPage() {
  const t = useT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const updatedSince = params.get('updatedSince') ?? undefined;
  const list = useForecastFeed(updatedSince);
  const link = (format?: 'csv' | 'xlsx') => `${API_BASE}${withQuery('/feeds/forecast', { updatedSince, format })}`;
  const integrationUrl = `${window.location.origin}${API_BASE}/feeds/forecast?updatedSince=${
    updatedSince ?? '2026-01-01T00:00:00+08:00'
  }`;
  return (
    <div data-testid="feed-page">
      <PageHeader
        title={t('feed.title')}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={link('csv')} data-testid="feed-csv">
              {t('feed.csv')}
            </Button>
            <Button icon={<DownloadOutlined />} href={link('xlsx')} data-testid="feed-xlsx">
              {t('feed.xlsx')}
            </Button>
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Flex vertical gap={12}>
          <Flex wrap gap={8} align="center">
            <Typography.Text>{t('feed.updatedSince')}</Typography.Text>
            <Input
              type="datetime-local"
              style={{ width: 220 }}
              value={updatedSince ? localInput(updatedSince) : ''}
              onChange={(e) => {
                const next = new URLSearchParams(params);
                if (e.target.value) next.set('updatedSince', new Date(e.target.value).toISOString());
                else next.delete('updatedSince');
                setParams(next, { replace: true });
              }}
              data-testid="feed-since"
            />
          </Flex>
          <Typography.Text type="secondary">{t('feed.integration')}</Typography.Text>
          <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="feed-url">
            {integrationUrl}
          </Typography.Text>
        </Flex>
      </Card>
      <Card>
        <PagedTable<Row>
          list={list}
          testId="feed-table"
          size="small"
          emptyText={t('feed.empty')}
          columns={[
            { title: t('flow.col.code'), dataIndex: 'opportunityCode' },
            { title: t('feed.customer'), dataIndex: 'customerCode' },
            { title: t('feed.track'), dataIndex: 'trackCode' },
            { title: t('feed.am'), dataIndex: 'amCode' },
            { title: t('feed.stage'), key: 'stage', render: (_, r) => t(`stage.${r.stage}` as MessageKey) },
            { title: t('feed.version'), key: 'version', render: (_, r) => t(`feed.version.${r.version}`) },
            {
              title: t('feed.orderMonth'),
              key: 'm',
              render: (_, r) => (r.orderMonth ? formatMonth(r.orderMonth, lang) : t('common.none')),
            },
            { title: t('feed.amount'), key: 'a', align: 'right', render: (_, r) => formatMoney(r.amount, lang) },
            {
              title: t('feed.shipments'),
              key: 's',
              align: 'right',
              render: (_, r) =>
                formatMoney(
                  Object.values(r.shipments).reduce((sum, v) => sum + v, 0),
                  lang,
                ),
            },
            {
              title: t('feed.updatedAt'),
              key: 'u',
              render: (_, r) =>
                r.removed ? (
                  <Typography.Text type="danger">{t('feed.removed')}</Typography.Text>
                ) : (
                  formatInstant(r.updatedAt, lang)
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
