import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { errorMessage } from '../../../shared/errors.ts';
import { hasPermission, useMe } from '../../../shared/auth.tsx';
import type { Permission } from '../../../../server/platform/contract/permissions.ts';
import { PageSpin } from './PageSpin.tsx';

/**
 * Renders its children for a signed-in user (holding `permission` when given); sends anyone else to
 * the login page. The server checks again on every call: this only keeps the UI honest.
 */
export function RequireAuth({
  children,
  permission,
}: {
  children: ReactNode;
  permission?: Permission;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();

  if (me.isPending) return <PageSpin fullScreen={!permission} />;
  if (me.isError) {
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={errorMessage(me.error)}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me.data) {
    const here = location.pathname + location.search;
    return (
      <Navigate to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />
    );
  }
  if (permission && !hasPermission(me.data, permission)) {
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('notFound.forbidden')}
        extra={
          <Link to="/">
            <Button type="primary">{t('notFound.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  return children;
}
