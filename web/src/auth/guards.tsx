import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import type { Permission } from '../api/types';
import { useT } from '../i18n';
import { PageFallback } from '../layout/PageFallback';
import { useCan, useMe } from './session';

export const PASSWORD_PATH = '/password';

/** Signed-in routes: no session → /login; a password that must change → the change-password page first. */
export function RequireSession() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageFallback />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    }
    const offline = me.error instanceof ApiError && me.error.status === 0;
    return (
      <Result
        status="warning"
        title={t('common.loadError')}
        subTitle={offline ? t('error.network') : me.error.message}
        extra={<Button onClick={() => me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (me.data.user.mustChangePassword && location.pathname !== PASSWORD_PATH) {
    return <Navigate to={PASSWORD_PATH} replace />;
  }
  return <Outlet />;
}

/** A page for one permission; others see a 403 result (the server refuses them anyway). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const t = useT();
  const can = useCan();
  if (!can(permission)) return <Result status="403" title="403" subTitle={t('error.forbidden')} />;
  return children;
}
