import { ApartmentOutlined, HomeOutlined, KeyOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Permission } from '../api/types';
import { useCan } from '../auth/session';
import { type MessageKey, useT } from '../i18n';

interface NavEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  permission?: Permission;
}

/** What exists so far; later issues add the board, meetings, tasks and forecast here. */
export const NAV_ENTRIES: NavEntry[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  { path: '/org/tracks', label: 'nav.tracks', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/org/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'org.read' },
  { path: '/customers', label: 'nav.customers', icon: <ShopOutlined />, permission: 'customers.read' },
  { path: '/admin/api-keys', label: 'nav.apiKeys', icon: <KeyOutlined />, permission: 'apikeys.manage' },
];

function selectedKey(pathname: string): string {
  const match = NAV_ENTRIES.filter((entry) => entry.path !== '/' && pathname.startsWith(entry.path));
  return match[0]?.path ?? '/';
}

export function NavMenu({ onNavigate, restricted }: { onNavigate?: () => void; restricted?: boolean }) {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const entries = restricted ? [] : NAV_ENTRIES.filter((entry) => !entry.permission || can(entry.permission));
  const items: MenuProps['items'] = entries.map((entry) => ({
    key: entry.path,
    icon: entry.icon,
    label: <span data-testid={`nav-${entry.path.split('/').pop() || 'home'}`}>{t(entry.label)}</span>,
  }));
  return (
    <Menu
      data-testid="nav-menu"
      mode="inline"
      selectedKeys={[selectedKey(pathname)]}
      items={items}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
