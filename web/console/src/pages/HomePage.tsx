import { Card, Col, Descriptions, Empty, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasPermission, useMe } from '../../../shared/auth.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { visibleEntries } from '../app/menu.tsx';
import { CalendarWarning } from '../modules/calendar/components/CalendarWarning.tsx';
import { TodoCards } from './home/TodoCards.tsx';

/**
 * 工作台: the greeting (who you are, your role and scope), your to-dos with their counts, and the
 * pages you may open.
 */
export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  const entries = visibleEntries(me.permissions);

  return (
    <Row gutter={[16, 16]}>
      {hasPermission(me, 'calendar.manage') ? (
        <Col span={24}>
          <CalendarWarning enabled withLink />
        </Col>
      ) : null}
      <Col span={24}>
        <Card data-testid="welcome-card">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('home.greeting', { name: me.displayName })}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
          <Descriptions column={{ xs: 1, md: 2, xl: 4 }} size="small">
            <Descriptions.Item label={t('home.role')}>
              <Tag color="blue" data-testid="home-role">
                {t(`roles.${me.role}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('home.scope')}>
              <span data-testid="home-scope">{me.scope.divisionName ?? t('layout.scopeAll')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('home.organisation')}>
              {me.scope.organisationName ?? t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('home.lastLogin')}>
              <span data-testid="home-previous-login">
                {me.previousLogin
                  ? `${formatDateTime(me.previousLogin.at)}${me.previousLogin.ip ? ` · ${me.previousLogin.ip}` : ''}`
                  : t('layout.firstLogin')}
              </span>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col span={24}>
        <TodoCards me={me} />
      </Col>
      <Col span={24}>
        <Card title={t('home.shortcuts')}>
          {entries.length === 0 ? (
            <Empty description={t('home.noShortcuts')} />
          ) : (
            <Row gutter={[16, 16]}>
              {entries.map((e) => (
                <Col key={e.key} xs={24} sm={12} xl={6}>
                  <Link to={e.path}>
                    <Card hoverable size="small">
                      <Card.Meta
                        avatar={<span style={{ fontSize: 24, color: '#1a5fb4' }}>{e.icon}</span>}
                        title={t(`layout.menu.${e.key}`)}
                        description={t(`home.shortcutHints.${e.key}`)}
                      />
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          )}
        </Card>
      </Col>
    </Row>
  );
}
