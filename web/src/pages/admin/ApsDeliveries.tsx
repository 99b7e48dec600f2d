import { App, Button, Card, Flex, type TableColumnsType, Tag, Typography } from 'antd';
import { type ApsDeliveryDto, useApsDeliveries, useApsSettings, useRetryApsDelivery } from '../../api/aps';
import { PagedTable } from '../../components/PagedTable';
import { type Lang, type Translate, useLang, useT } from '../../i18n';
import { formatInstant } from '../../lib/format';

function columns(t: Translate, lang: Lang, retry: (d: ApsDeliveryDto) => React.ReactNode) {
  return [
    { title: t('aps.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatInstant(at, lang) },
    { title: t('aps.opportunity'), dataIndex: 'opportunityCode' },
    {
      title: t('aps.kind'),
      key: 'kind',
      render: (_, d) => (
        <Tag color={d.cancelled ? 'orange' : undefined}>{t(d.cancelled ? 'aps.kind.cancelled' : 'aps.kind.quote')}</Tag>
      ),
    },
    {
      title: t('aps.status'),
      key: 'status',
      render: (_, d) => (
        <Flex vertical gap={2}>
          <span>
            <Tag color={d.status === 'sent' ? 'green' : 'processing'} data-testid={`aps-status-${d.status}`}>
              {t(`aps.status.${d.status}`)}
            </Tag>
            <Typography.Text type="secondary">{t('aps.attempts', { n: d.attempts })}</Typography.Text>
          </span>
          <Typography.Text type="secondary" copyable={{ text: d.deliveryId }} style={{ fontSize: 12 }}>
            {d.deliveryId.slice(0, 8)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('aps.lastError'),
      dataIndex: 'lastError',
      render: (error: string | null, d) =>
        error ? (
          <Typography.Text
            type={d.status === 'sent' ? 'secondary' : 'danger'}
            ellipsis={{ tooltip: error }}
            style={{ maxWidth: 220, display: 'block' }}
          >
            {error}
          </Typography.Text>
        ) : (
          t('common.none')
        ),
    },
    { title: t('common.actions'), key: 'action', render: (_, d) => retry(d) },
  ] satisfies TableColumnsType<ApsDeliveryDto>;
}

/** APS 报价推送 (SPEC §7 "Out"): the outbox's rows beside the notification deliveries; retry an unsent one now. */
export function ApsDeliveries() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const list = useApsDeliveries();
  const settings = useApsSettings();
  const retry = useRetryApsDelivery();
  const retryCell = (d: ApsDeliveryDto) =>
    d.status === 'pending' ? (
      <Button
        size="small"
        loading={retry.isPending && retry.variables === d.id}
        onClick={() =>
          retry.mutate(d.id, {
            onSuccess: () => message.success(t('aps.retried')),
            onError: (error) => message.error(error.message),
          })
        }
      >
        {t('aps.retry')}
      </Button>
    ) : null;
  const host = settings.data?.host;
  return (
    <Card title={t('aps.title')} style={{ marginTop: 16 }} data-testid="aps-deliveries">
      <Typography.Paragraph type="secondary">{t('aps.intro')}</Typography.Paragraph>
      {settings.data && (
        <Typography.Paragraph>
          <Tag color={host ? 'green' : undefined}>{host ? t('aps.on', { host }) : t('aps.off')}</Tag>
        </Typography.Paragraph>
      )}
      <PagedTable<ApsDeliveryDto>
        list={list}
        columns={columns(t, lang, retryCell)}
        emptyText={t('aps.empty')}
        testId="aps-deliveries-table"
      />
    </Card>
  );
}
