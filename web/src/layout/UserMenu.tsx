import {
  CalendarOutlined,
  CheckOutlined,
  GlobalOutlined,
  LockOutlined,
  LogoutOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, type MenuProps, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { SessionUser } from '../api/types';
import { useLogout } from '../auth/session';
import { CalendarLinkModal } from '../components/CalendarLinkModal';
import { type Lang, useLang, useT } from '../i18n';

export function UserMenu({ user, compact }: { user: SessionUser; compact: boolean }) {
  const t = useT();
  const { lang, setLang } = useLang();
  const navigate = useNavigate();
  const logout = useLogout();
  const [calendar, setCalendar] = useState(false);
  const roleLabel = t(`role.${user.role}`);
  const langItem = (value: Lang, label: string, testId: string) => ({
    key: `lang:${value}`,
    icon: lang === value ? <CheckOutlined /> : <span style={{ display: 'inline-block', width: 14 }} />,
    label: <span data-testid={testId}>{label}</span>,
  });
  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div>
          <Typography.Text strong>{user.name}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{roleLabel}</Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    {
      key: 'lang',
      type: 'group',
      label: (
        <span>
          <GlobalOutlined /> {t('user.language')}
        </span>
      ),
      children: [langItem('zh-CN', '中文', 'lang-zh'), langItem('en', 'English', 'lang-en')],
    },
    { type: 'divider' },
    {
      key: 'calendar',
      icon: <CalendarOutlined />,
      label: <span data-testid="calendar-menu">{t('calendar.title')}</span>,
    },
    { key: 'password', icon: <LockOutlined />, label: t('user.changePassword') },
    {
      key: 'signOut',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="sign-out">{t('user.signOut')}</span>,
    },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key.startsWith('lang:')) setLang(key.slice(5) as Lang);
    else if (key === 'calendar') setCalendar(true);
    else if (key === 'password') navigate('/password');
    else if (key === 'signOut') logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };
  return (
    <>
      {calendar && <CalendarLinkModal onClose={() => setCalendar(false)} />}
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button type="text" data-testid="user-menu" style={{ height: 48 }}>
          <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1d4ed8' }} />
          {!compact && (
            <span style={{ textAlign: 'start', lineHeight: 1.2 }}>
              <span style={{ display: 'block' }}>{user.name}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {roleLabel}
              </Typography.Text>
            </span>
          )}
        </Button>
      </Dropdown>
    </>
  );
}
