import {
  HeartOutlined,
  LockOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext, useLogin, useMe } from '../../../shared/auth.tsx';
import { errorMessage } from '../../../shared/errors.ts';
import { useSessionExpired } from '../../../shared/session-notice.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';

type Values = { username: string; password: string };

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const expired = useSessionExpired();
  const next = safeNext(params.get('next'), '/');
  if (next.startsWith('/m')) return <Navigate to="/" replace />;

  if (me.data) return <Navigate to={next} replace />;

  const submit = (values: Values) => {
    login.mutate(values, { onSuccess: () => void navigate(next, { replace: true }) });
  };
  const features = [
    { icon: <HeartOutlined />, text: t('login.features.visits') },
    { icon: <SolutionOutlined />, text: t('login.features.services') },
    { icon: <SafetyCertificateOutlined />, text: t('login.features.security') },
  ];

  return (
    <div style={{ minHeight: '100vh', display: 'flex', background: '#f0f2f5' }}>
      <div
        className="login-brand"
        style={{
          flex: '1 1 55%',
          background: 'linear-gradient(135deg, #0b3a78 0%, #1a5fb4 60%, #2f7ad8 100%)',
          color: '#fff',
          padding: '64px 72px',
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'center',
        }}
      >
        <div
          style={{
            fontSize: 44,
            fontWeight: 700,
            letterSpacing: i18n.language === 'zh-CN' ? 8 : 2,
          }}
        >
          {t('common.appName')}
        </div>
        <div style={{ fontSize: 22, marginTop: 12, opacity: 0.95 }}>{t('login.title')}</div>
        <div style={{ width: 48, height: 3, background: '#e8453c', margin: '28px 0' }} />
        {features.map((f) => (
          <div
            key={f.text}
            style={{ display: 'flex', gap: 12, fontSize: 15, marginBottom: 16, opacity: 0.9 }}
          >
            <span style={{ fontSize: 18 }}>{f.icon}</span>
            <span>{f.text}</span>
          </div>
        ))}
      </div>
      <div
        style={{
          flex: '1 1 45%',
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          justifyContent: 'center',
          padding: 24,
          position: 'relative',
        }}
      >
        <div style={{ position: 'absolute', top: 20, right: 24 }}>
          <LanguageSwitch />
        </div>
        <Card style={{ width: 380, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('login.welcome')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {t('common.appTitle')}
          </Typography.Paragraph>
          {expired && !login.error && (
            <Alert
              type="warning"
              showIcon
              title={t('login.sessionExpired')}
              style={{ marginBottom: 16 }}
              data-testid="session-expired"
            />
          )}
          {login.error && (
            <Alert
              type="error"
              showIcon
              title={errorMessage(login.error)}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Form<Values> layout="vertical" size="large" onFinish={submit} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, message: t('login.usernameRequired') }]}
            >
              <Input id="username" prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                id="password"
                prefix={<LockOutlined />}
                autoComplete="current-password"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={login.isPending}
              data-testid="login-submit"
            >
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
          {t('login.footer')}
        </Typography.Text>
      </div>
    </div>
  );
}
