import { Flex, Typography } from 'antd';
import { Navigate, useLocation } from 'react-router';
import type { Me } from '../api/types';
import { useMe } from '../auth/session';
import { useT } from '../i18n';
import { useIsMobile } from '../lib/useIsMobile';
import { AdminHome, AmHome, CeoHome, DirectorHome, PlannerHome, SecretaryHome } from './home/roleHomes';

/** Each role's start page: the work waiting for them, each card leading to where it is done. */
function RoleHome({ me }: { me: Me }) {
  switch (me.user.role) {
    case 'ceo':
      return <CeoHome />;
    case 'director':
      return <DirectorHome me={me} />;
    case 'am':
      return <AmHome me={me} />;
    case 'admin':
      return <AdminHome />;
    case 'secretary':
      return <SecretaryHome />;
    case 'planner':
      return <PlannerHome />;
  }
}

export default function HomePage() {
  const t = useT();
  const me = useMe().data;
  const isMobile = useIsMobile();
  const location = useLocation();
  if (!me) return null;
  // An AM opening the app on a phone starts on 我的任务; the menu's 首页 (an in-app visit) still shows this page.
  if (me.user.role === 'am' && isMobile && location.key === 'default') return <Navigate to="/tasks" replace />;
  const role = t(`role.${me.user.role}`);
  return (
    <div data-testid="home-page" data-role={me.user.role}>
      <Flex vertical style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('home.hello', { name: me.user.name })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {me.user.trackName
            ? t('home.subtitle', { role, track: me.user.trackName })
            : t('home.subtitleNoTrack', { role })}
        </Typography.Text>
      </Flex>
      <RoleHome me={me} />
    </div>
  );
}
