import { Avatar, Button, Dialog, List, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../../../shared/auth.tsx';
import { errorMessage } from '../../../shared/errors.ts';
import { LanguageSelector } from '../LanguageSelector.tsx';

/** 我的: who is signed in, their role and scope, the language, and sign-out. */
export function MeScreen() {
  const { t } = useTranslation();
  const me = useMe().data;
  const logout = useLogout();
  if (!me) return null;

  const signOut = async () => {
    const confirmed = await Dialog.confirm({
      content: t('field.me.logoutConfirm'),
      confirmText: t('common.ok'),
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    try {
      // clears the session: FieldLayout then shows the login screen
      await logout.mutateAsync();
      Toast.show({ icon: 'success', content: t('field.me.loggedOut') });
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorMessage(err) });
    }
  };

  return (
    <div style={{ paddingBottom: 24 }}>
      <div
        style={{ display: 'flex', alignItems: 'center', gap: 16, padding: 20, background: '#fff' }}
      >
        <Avatar src="" style={{ '--size': '56px', '--border-radius': '50%' }} />
        <div style={{ minWidth: 0 }}>
          <div data-testid="me-name" style={{ fontSize: 20, fontWeight: 600 }}>
            {me.displayName}
          </div>
          <Tag color="primary" fill="outline" style={{ marginTop: 6 }}>
            {t(`roles.${me.role}`)}
          </Tag>
        </div>
      </div>
      <List header={t('field.me.title')} style={{ marginTop: 12 }}>
        <List.Item extra={me.username}>{t('field.me.username')}</List.Item>
        <List.Item extra={me.scope.divisionName ?? t('layout.scopeAll')}>
          {t('field.me.scope')}
        </List.Item>
        <List.Item
          extra={
            <span style={{ fontSize: 13 }}>{me.scope.organisationName ?? t('common.none')}</span>
          }
        >
          {t('field.me.organisation')}
        </List.Item>
      </List>
      <List header={t('field.me.language')} style={{ marginTop: 12 }}>
        <List.Item>
          <LanguageSelector />
        </List.Item>
      </List>
      <div style={{ padding: '24px 16px' }}>
        <Button
          block
          color="danger"
          fill="outline"
          size="large"
          loading={logout.isPending}
          onClick={() => void signOut()}
          data-testid="logout"
        >
          {t('field.me.logout')}
        </Button>
      </div>
    </div>
  );
}
