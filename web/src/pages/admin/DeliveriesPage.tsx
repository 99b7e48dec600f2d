import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Select, type TableColumnsType, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  type DeliveryChannel,
  type DeliveryDto,
  type DeliveryFilters,
  type DeliveryStatus,
  MAX_ATTEMPTS,
  useChannelSettings,
  useDeliveries,
  useRetryDelivery,
} from '../../api/deliveries';
import { PagedTable } from '../../components/PagedTable';
import { FILTER_STYLE, PageHeader } from '../../components/PageHeader';
import { type Lang, type Translate, useLang, useT } from '../../i18n';
import { formatInstant } from '../../lib/format';
import { useIsMobile } from '../../lib/useIsMobile';
import { ApsDeliveries } from './ApsDeliveries';
import { DeliveryChannels } from './DeliveryChannels';

// Waiting is in progress (blue), sent is done (green), failed needs the admin (red).
const STATUS_COLOR: Record<DeliveryStatus, string> = { pending: 'processing', sent: 'green', failed: 'red' };

const statusTag = (t: Translate, status: DeliveryStatus) => (
  <Tag color={STATUS_COLOR[status]} data-testid={`delivery-status-${status}`}>
    {t(`deliveries.status.${status}`)}
  </Tag>
);

const when = (t: Translate, lang: Lang, d: DeliveryDto) => {
  if (d.status === 'sent') return t('deliveries.sentAt', { at: formatInstant(d.sentAt, lang) });
  if (d.status === 'pending') return t('deliveries.nextAt', { at: formatInstant(d.nextAttemptAt, lang) });
  return t('common.none');
};

function RetryButton({ delivery, onRetry, busy }: { delivery: DeliveryDto; onRetry: () => void; busy: boolean }) {
  const t = useT();
  if (delivery.status !== 'failed') return null;
  return (
    <Popconfirm title={t('deliveries.retryConfirm')} okText={t('deliveries.retry')} onConfirm={onRetry}>
      <Button size="small" loading={busy} data-testid="delivery-retry">
        {t('deliveries.retry')}
      </Button>
    </Popconfirm>
  );
}

function columns(t: Translate, lang: Lang, phone: boolean, retry: (d: DeliveryDto) => ReactNode) {
  const recipient: TableColumnsType<DeliveryDto>[number] = {
    title: t('deliveries.recipient'),
    key: 'recipient',
    render: (_, d) => (
      <>
        <div>{d.userName}</div>
        {d.channel === 'email' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.recipient}
          </Typography.Text>
        )}
      </>
    ),
  };
  const notification: TableColumnsType<DeliveryDto>[number] = {
    title: t('deliveries.notification'),
    key: 'notification',
    render: (_, d) => (
      <>
        <Typography.Text ellipsis={{ tooltip: d.title }} style={{ maxWidth: phone ? 220 : 300, display: 'block' }}>
          {d.title}
        </Typography.Text>
        <Typography.Text type="secondary" copyable={{ text: d.messageId }} style={{ fontSize: 12 }}>
          {phone ? d.messageId : t('deliveries.messageId', { id: d.messageId })}
        </Typography.Text>
      </>
    ),
  };
  const lastError: TableColumnsType<DeliveryDto>[number] = {
    title: t('deliveries.lastError'),
    dataIndex: 'lastError',
    // An error before a later success is kept for the record, in grey.
    render: (error: string | null, d) =>
      error ? (
        <Typography.Text
          type={d.status === 'sent' ? 'secondary' : 'danger'}
          ellipsis={{ tooltip: error }}
          style={{ maxWidth: 200, display: 'block' }}
        >
          {error}
        </Typography.Text>
      ) : (
        t('common.none')
      ),
  };
  const action: TableColumnsType<DeliveryDto>[number] = {
    title: t('common.actions'),
    key: 'action',
    render: (_, d) => retry(d),
  };
  const channel = (d: DeliveryDto) => <Tag>{t(`deliveries.channel.${d.channel}`)}</Tag>;
  if (phone)
    return [
      {
        title: t('deliveries.notification'),
        key: 'summary',
        render: (_, d) => (
          <Flex vertical gap={2}>
            <span>
              {channel(d)}
              {statusTag(t, d.status)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.attempts}/{MAX_ATTEMPTS}
              </Typography.Text>
            </span>
            <Typography.Text ellipsis style={{ maxWidth: 230 }}>
              {d.userName} · {d.title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {when(t, lang, d)}
            </Typography.Text>
            {d.lastError && d.status !== 'sent' && (
              <Typography.Text type="danger" ellipsis style={{ maxWidth: 230, fontSize: 12 }}>
                {d.lastError}
              </Typography.Text>
            )}
          </Flex>
        ),
      },
      action,
    ] satisfies TableColumnsType<DeliveryDto>;
  return [
    // Newest first anyway: when it was queued is shown where there is room.
    {
      title: t('deliveries.createdAt'),
      dataIndex: 'createdAt',
      responsive: ['xxl'],
      render: (at: string) => formatInstant(at, lang),
    },
    { title: t('deliveries.channel'), key: 'channel', render: (_, d) => channel(d) },
    recipient,
    notification,
    {
      // status, attempts and when, read together: "failed 8/8", "pending 1/8 · next 09:35"
      title: t('deliveries.status'),
      key: 'status',
      render: (_, d) => (
        <Flex vertical gap={2}>
          <span>
            {statusTag(t, d.status)}
            <Typography.Text type="secondary" title={t('deliveries.attempts')}>
              {d.attempts}/{MAX_ATTEMPTS}
            </Typography.Text>
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {when(t, lang, d)}
          </Typography.Text>
        </Flex>
      ),
    },
    lastError,
    action,
  ] satisfies TableColumnsType<DeliveryDto>;
}

/** 发送记录 (SPEC §5): every e-mail and chat copy of a notification, newest first; retry a failed one. */
export default function DeliveriesPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const list = useDeliveries(filters);
  const settings = useChannelSettings();
  const retry = useRetryDelivery();
  const onRetry = (d: DeliveryDto) =>
    retry.mutate(d.id, {
      onSuccess: () => message.success(t('deliveries.retried')),
      onError: (error) => message.error(error.message),
    });
  const nothingConfigured = settings.data && !settings.data.email && !settings.data.webhook;
  const retryCell = (d: DeliveryDto) => (
    <RetryButton delivery={d} busy={retry.isPending && retry.variables === d.id} onRetry={() => onRetry(d)} />
  );
  return (
    <div data-testid="deliveries-page">
      <PageHeader
        title={t('deliveries.title')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} loading={list.isRefetching}>
            {t('deliveries.refresh')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('deliveries.intro')}</Typography.Paragraph>
      <DeliveryChannels settings={settings.data} error={settings.error} />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Select<DeliveryStatus>
            allowClear
            placeholder={t('deliveries.status')}
            style={FILTER_STYLE}
            options={DELIVERY_STATUSES.map((value) => ({ value, label: t(`deliveries.status.${value}`) }))}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
            data-testid="delivery-filter-status"
          />
          <Select<DeliveryChannel>
            allowClear
            placeholder={t('deliveries.channel')}
            style={FILTER_STYLE}
            options={DELIVERY_CHANNELS.map((value) => ({ value, label: t(`deliveries.channel.${value}`) }))}
            onChange={(channel) => setFilters((f) => ({ ...f, channel }))}
            data-testid="delivery-filter-channel"
          />
        </Flex>
        <PagedTable<DeliveryDto>
          list={list}
          columns={columns(t, lang, isMobile, retryCell)}
          size={isMobile ? 'small' : 'middle'}
          scroll={isMobile ? {} : undefined}
          emptyText={nothingConfigured ? t('deliveries.emptyOff') : t('deliveries.empty')}
          testId="deliveries-table"
        />
      </Card>
      <ApsDeliveries />
    </div>
  );
}
