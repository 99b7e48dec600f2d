import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  ControlOutlined,
  DatabaseOutlined,
  FileSearchOutlined,
  FormOutlined,
  FundOutlined,
  HomeOutlined,
  KeyOutlined,
  LineChartOutlined,
  LockOutlined,
  ProfileOutlined,
  RiseOutlined,
  SendOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  SyncOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
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
  /** Entries of one group are listed together under its title. */
  group?: MessageKey;
}

/** What exists so far; later issues add meetings, tasks and forecast here. */
export const NAV_ENTRIES: NavEntry[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  { path: '/board', label: 'nav.board', icon: <TrophyOutlined />, permission: 'board.read' },
  { path: '/meetings', label: 'nav.meetings', icon: <CalendarOutlined />, permission: 'meetings.read' },
  { path: '/tasks', label: 'nav.tasks', icon: <CheckSquareOutlined />, permission: 'tasks.read' },
  { path: '/projects', label: 'nav.projects', icon: <SyncOutlined />, permission: 'projects.read' },
  {
    path: '/opportunities',
    label: 'nav.opportunities',
    icon: <FundOutlined />,
    permission: 'forecast.read',
    group: 'nav.forecast',
  },
  {
    path: '/forecast/update',
    label: 'nav.forecastUpdate',
    icon: <FormOutlined />,
    permission: 'forecast.write',
    group: 'nav.forecast',
  },
  {
    path: '/forecast/overview',
    label: 'nav.forecastOverview',
    icon: <LineChartOutlined />,
    permission: 'forecast.overview',
    group: 'nav.forecast',
  },
  {
    path: '/forecast/flow',
    label: 'nav.forecastFlow',
    icon: <RiseOutlined />,
    permission: 'forecast.overview',
    group: 'nav.forecast',
  },
  {
    path: '/forecast/track-pack',
    label: 'nav.trackPack',
    icon: <ProfileOutlined />,
    permission: 'forecast.packs.track',
    group: 'nav.forecast',
  },
  {
    path: '/forecast/review-pack',
    label: 'nav.reviewPack',
    icon: <SolutionOutlined />,
    permission: 'forecast.packs.review',
    group: 'nav.forecast',
  },
  {
    path: '/forecast/attainment',
    label: 'nav.attainment',
    icon: <AimOutlined />,
    permission: 'forecast.overview',
    group: 'nav.forecast',
  },
  {
    path: '/forecast/shipments',
    label: 'nav.shipments',
    icon: <CarOutlined />,
    permission: 'forecast.overview',
    group: 'nav.forecast',
  },
  {
    path: '/feeds',
    label: 'nav.feed',
    icon: <DatabaseOutlined />,
    permission: 'feeds.read',
    group: 'nav.forecast',
  },
  {
    path: '/alerts',
    label: 'nav.alerts',
    icon: <AlertOutlined />,
    permission: 'alerts.read',
    group: 'nav.forecast',
  },
  {
    path: '/forecast/requests',
    label: 'nav.targetRequests',
    icon: <AuditOutlined />,
    permission: 'targets.requests.read',
    group: 'nav.forecast',
  },
  {
    path: '/forecast/baseline',
    label: 'nav.baseline',
    icon: <LockOutlined />,
    permission: 'forecast.baseline.lock',
    group: 'nav.forecast',
  },
  {
    path: '/forecast/settings',
    label: 'nav.forecastSettings',
    icon: <SettingOutlined />,
    permission: 'forecast.settings.write',
    group: 'nav.forecast',
  },
  { path: '/analysis', label: 'nav.analysis', icon: <BarChartOutlined />, permission: 'analytics.read' },
  {
    path: '/thresholds',
    label: 'nav.thresholds',
    icon: <ControlOutlined />,
    permission: 'thresholds.proposals.read',
  },
  { path: '/org/tracks', label: 'nav.tracks', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/org/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'org.read' },
  { path: '/customers', label: 'nav.customers', icon: <ShopOutlined />, permission: 'customers.read' },
  { path: '/admin/api-keys', label: 'nav.apiKeys', icon: <KeyOutlined />, permission: 'apikeys.manage' },
  { path: '/admin/deliveries', label: 'nav.deliveries', icon: <SendOutlined />, permission: 'deliveries.manage' },
  {
    path: '/exchange/import',
    label: 'nav.import',
    icon: <CloudUploadOutlined />,
    permission: 'exchange.write',
    group: 'nav.exchange',
  },
  {
    path: '/exchange/runs',
    label: 'nav.runs',
    icon: <FileSearchOutlined />,
    permission: 'exchange.read',
    group: 'nav.exchange',
  },
];

type MenuItem = NonNullable<MenuProps['items']>[number];
type MenuGroup = { type: 'group'; key: string; label: string; children: MenuItem[] };

/** Menu items in entry order; grouped entries gather under their group's title where the first appears. */
function grouped(entries: NavEntry[], item: (entry: NavEntry) => MenuItem, t: (key: MessageKey) => string) {
  const items: MenuItem[] = [];
  const groups = new Map<MessageKey, MenuGroup>();
  for (const entry of entries) {
    if (!entry.group) {
      items.push(item(entry));
      continue;
    }
    let group = groups.get(entry.group);
    if (!group) {
      group = { type: 'group', key: entry.group, label: t(entry.group), children: [] };
      groups.set(entry.group, group);
      items.push(group);
    }
    group.children.push(item(entry));
  }
  return items;
}

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
  const item = (entry: NavEntry): MenuItem => ({
    key: entry.path,
    icon: entry.icon,
    label: <span data-testid={`nav-${entry.path.split('/').pop() || 'home'}`}>{t(entry.label)}</span>,
  });
  const items = grouped(entries, item, t);
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
