import { Button, Form, Input } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext, useLogin, useMe } from '../../../shared/auth.tsx';
import { errorMessage } from '../../../shared/errors.ts';
import { useSessionExpired } from '../../../shared/session-notice.ts';
import { LanguageSelector } from '../LanguageSelector.tsx';

type Values = { username: string; password: string };

/** Sign-in for the field app; the same account as the console, sized for a small phone. */
export function LoginScreen() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const expired = useSessionExpired();
  const next = safeNext(params.get('next'), '/tasks');
  if (me.data) return <Navigate to={next} replace />;

  const submit = (values: Values) => {
    login.mutate(values, {
      onSuccess: () => void navigate(next, { replace: true }),
    });
  };

  return (
    <div
      style={{ minHeight: '100%', display: 'flex', flexDirection: 'column', background: '#f5f6f8' }}
    >
      <div
        style={{
          background: 'linear-gradient(160deg, #0b3a78, #1a5fb4)',
          color: '#fff',
          padding: '40px 24px 48px',
        }}
      >
        <div
          style={{
            fontSize: 30,
            fontWeight: 700,
            letterSpacing: i18n.language === 'zh-CN' ? 6 : 1,
          }}
        >
          {t('common.appName')}
        </div>
        <div style={{ fontSize: 15, marginTop: 8, opacity: 0.9 }}>{t('field.subtitle')}</div>
      </div>
      <div
        style={{
          margin: '-24px 16px 0',
          background: '#fff',
          borderRadius: 12,
          padding: '8px 0 16px',
        }}
      >
        {expired && !login.error && (
          <div
            role="status"
            data-testid="session-expired"
            style={{
              color: '#ad6800',
              background: '#fff7e6',
              border: '1px solid #ffd591',
              borderRadius: 8,
              padding: '8px 12px',
              fontSize: 14,
              margin: '8px 16px',
            }}
          >
            {t('login.sessionExpired')}
          </div>
        )}
        <Form
          layout="vertical"
          style={{ '--border-top': 'none', '--border-bottom': 'none' }}
          onFinish={submit}
          requiredMarkStyle="none"
          footer={
            <>
              {login.error && (
                <div
                  role="alert"
                  data-testid="login-error"
                  style={{ color: '#ff3141', fontSize: 14, marginBottom: 12 }}
                >
                  {errorMessage(login.error)}
                </div>
              )}
              <Button
                block
                type="submit"
                color="primary"
                size="large"
                loading={login.isPending}
                data-testid="login-submit"
              >
                {t('login.submit')}
              </Button>
            </>
          }
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input
              id="username"
              autoComplete="username"
              clearable
              placeholder={t('login.usernameRequired')}
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input
              id="password"
              type="password"
              autoComplete="current-password"
              placeholder={t('login.passwordRequired')}
            />
          </Form.Item>
        </Form>
      </div>
      <div style={{ padding: 24, display: 'flex', justifyContent: 'center' }}>
        <LanguageSelector />
      </div>
    </div>
  );
}
