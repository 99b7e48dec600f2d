import { LinkOutlined, MailOutlined, MessageOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ChannelSettingsDto } from '../../api/deliveries';
import { type MessageKey, useT } from '../../i18n';

function Channel({ icon, name, on, detail }: { icon: ReactNode; name: string; on: boolean; detail: string }) {
  const t = useT();
  return (
    <Flex vertical gap={4} style={{ flex: '1 1 240px', minWidth: 0 }}>
      <span>
        <Typography.Text strong>
          {icon} {name}
        </Typography.Text>{' '}
        <Tag color={on ? 'green' : 'default'}>{on ? t('deliveries.on') : t('deliveries.off')}</Tag>
      </span>
      <Typography.Text type="secondary" ellipsis={{ tooltip: detail }} style={{ fontSize: 12 }}>
        {detail}
      </Typography.Text>
    </Flex>
  );
}

/** What is configured, as the server shows it: hosts only, never a password or a webhook token. */
export function DeliveryChannels({ settings, error }: { settings?: ChannelSettingsDto; error: Error | null }) {
  const t = useT();
  if (error) return <Alert type="error" showIcon title={t('common.loadError')} description={error.message} />;
  if (!settings) return <Skeleton active paragraph={{ rows: 1 }} title={false} />;
  const { email, webhook, publicUrl } = settings;
  return (
    <Card size="small" title={t('deliveries.channels')} style={{ marginBottom: 16 }} data-testid="delivery-channels">
      <Flex wrap gap={16}>
        <Channel
          icon={<MailOutlined />}
          name={t('deliveries.channel.email')}
          on={email !== null}
          detail={email ? `${email.host} · ${t('deliveries.from', { from: email.from })}` : t('deliveries.email.off')}
        />
        <Channel
          icon={<MessageOutlined />}
          name={t('deliveries.channel.webhook')}
          on={webhook !== null}
          detail={
            webhook
              ? `${t(`deliveries.format.${webhook.format}` as MessageKey)} · ${webhook.host}`
              : t('deliveries.webhook.off')
          }
        />
        <Channel
          icon={<LinkOutlined />}
          name={t('deliveries.link')}
          on={publicUrl !== null}
          detail={publicUrl ?? t('deliveries.link.off')}
        />
      </Flex>
    </Card>
  );
}
