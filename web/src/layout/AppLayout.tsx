import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Layout, Typography, theme } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router';
import { useMe } from '../auth/session';
import { NotificationBell } from '../components/NotificationBell';
import { useT } from '../i18n';
import { useIsMobile } from '../lib/useIsMobile';
import { NavMenu } from './NavMenu';
import { PageFallback } from './PageFallback';
import { UserMenu } from './UserMenu';

function Brand() {
  const t = useT();
  return (
    <Flex align="center" gap={10} style={{ padding: '16px 20px' }}>
      <div
        style={{
          width: 32,
          height: 32,
          borderRadius: 8,
          background: '#1d4ed8',
          color: '#fff',
          display: 'grid',
          placeItems: 'center',
          fontWeight: 700,
          flex: 'none',
        }}
      >
        TK
      </div>
      <Typography.Text strong style={{ lineHeight: 1.3 }}>
        {t('app.shortTitle')}
      </Typography.Text>
    </Flex>
  );
}

export function AppLayout() {
  const t = useT();
  const { token } = theme.useToken();
  const me = useMe().data;
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  if (!me) return <PageFallback />;
  const restricted = me.user.mustChangePassword;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isMobile && (
        <Layout.Sider width={220} theme="light" style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}>
          <Brand />
          <NavMenu restricted={restricted} />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            padding: isMobile ? '0 8px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
          }}
        >
          {isMobile && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.openMenu')}
              data-testid="nav-toggle"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Typography.Text strong ellipsis style={{ flex: 1, fontSize: isMobile ? 15 : 16 }}>
            {isMobile ? t('app.shortTitle') : t('app.title')}
          </Typography.Text>
          {!restricted && <NotificationBell />}
          <UserMenu user={me.user} compact={isMobile} />
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageFallback />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {isMobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0 } }}
        >
          <Brand />
          <NavMenu restricted={restricted} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
