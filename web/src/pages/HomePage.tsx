import { CheckCircleOutlined } from '@ant-design/icons';
import { Card, Descriptions, List, Typography } from 'antd';
import type { Permission } from '../api/types';
import { useMe } from '../auth/session';
import { type MessageKey, useT } from '../i18n';

const ABILITIES: { permission?: Permission; text: MessageKey }[] = [
  { permission: 'board.read', text: 'home.can.board' },
  { permission: 'board.explain', text: 'home.can.boardExplain' },
  { permission: 'meetings.read', text: 'home.can.meetings' },
  { permission: 'org.read', text: 'home.can.orgRead' },
  { permission: 'org.write', text: 'home.can.orgWrite' },
  { permission: 'customers.read', text: 'home.can.customersRead' },
  { permission: 'customers.write', text: 'home.can.customersWrite' },
  { permission: 'apikeys.manage', text: 'home.can.apiKeys' },
  { permission: 'history.read', text: 'home.can.history' },
  { text: 'home.can.password' },
];

export default function HomePage() {
  const t = useT();
  const me = useMe().data;
  if (!me) return null;
  const { user, permissions } = me;
  const abilities = ABILITIES.filter((a) => !a.permission || permissions.includes(a.permission));
  return (
    <Card style={{ maxWidth: 760 }} data-testid="welcome-card">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: user.name })}
      </Typography.Title>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'username', label: t('home.username'), children: `${user.username} (${user.code})` },
          { key: 'role', label: t('home.role'), children: t(`role.${user.role}`) },
          { key: 'track', label: t('home.track'), children: user.trackName ?? t('home.noTrack') },
        ]}
      />
      <Typography.Paragraph strong style={{ marginTop: 16, marginBottom: 4 }}>
        {t('home.canDo')}
      </Typography.Paragraph>
      <List
        size="small"
        split={false}
        dataSource={abilities}
        renderItem={(a) => (
          <List.Item style={{ paddingInline: 0 }}>
            <CheckCircleOutlined style={{ color: '#16a34a', marginInlineEnd: 8 }} />
            {t(a.text)}
          </List.Item>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('home.later')}
      </Typography.Paragraph>
    </Card>
  );
}
