import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useVisitPolicy, type VisitPolicyView } from '../api.ts';
import { CampaignsCard } from '../components/CampaignsCard.tsx';
import { PolicyEditor, policyLevels } from '../components/PolicyEditor.tsx';
import { requirementText } from '../labels.tsx';

/** A version of the policy: who saved it from when, and what each care level requires. */
function PolicyVersion({ policy, testId }: { policy: VisitPolicyView; testId: string }) {
  const { t } = useTranslation();
  const { rules } = policy;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid={testId}>
      <Descriptions size="small" column={{ xs: 1, md: 4 }}>
        <Descriptions.Item label={t('visits.policy.version')}>
          {policy.version === null ? (
            <Tag color="blue">{t('visits.policy.default')}</Tag>
          ) : (
            <Space size={4}>
              {t('visits.policy.versionN', { version: policy.version })}
              {policy.isDefault && <Tag color="blue">{t('visits.policy.default')}</Tag>}
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('visits.policy.effectiveFrom')}>
          {policy.effectiveFrom ?? t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('visits.policy.savedBy')}>
          {policy.savedBy ?? t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('visits.policy.savedAt')}>
          {formatDateTime(policy.savedAt)}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions size="small" bordered column={1}>
        {policyLevels.map((level) => (
          <Descriptions.Item key={level} label={t(`visits.policy.levels.${level}`)}>
            {rules[level].length === 0 ? (
              <Typography.Text type="secondary">{t('visits.policy.none')}</Typography.Text>
            ) : (
              <Space orientation="vertical" size={0}>
                {rules[level].map((r, i) => (
                  <span key={i}>{requirementText(t, r)}</span>
                ))}
              </Space>
            )}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('visits.policy.triggerHours')}>
          {t('visits.policy.triggerText', { hours: rules.triggerHours })}
        </Descriptions.Item>
        <Descriptions.Item label={t('visits.policy.escalation')}>
          {t('visits.policy.escalationText', rules.escalation)}
        </Descriptions.Item>
      </Descriptions>
    </Space>
  );
}

/**
 * 巡访频次: the version in force and those scheduled, for everyone who reads visits; a district
 * administrator edits from the version shown.
 */
export default function VisitPolicyPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const policy = useVisitPolicy();
  const [editing, setEditing] = useState(false);
  const canEdit = hasPermission(me, 'visit.policy');
  const data = policy.data;
  // a new version edits from the last one saved, scheduled or in force (the server checks that one)
  const base = data
    ? [data.current, ...data.scheduled].reduce((a, b) =>
        (b.version ?? 0) > (a.version ?? 0) ? b : a,
      )
    : null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('visits.policy.title')}
        extra={
          canEdit &&
          base && (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
              data-testid="policy-edit"
            >
              {t('visits.policy.edit')}
            </Button>
          )
        }
      >
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {!canEdit && <Alert type="info" showIcon title={t('visits.policy.readOnly')} />}
          {policy.isError && <Alert type="error" showIcon title={errorMessage(policy.error)} />}
          {policy.isPending && <Skeleton active />}
          {data && (
            <>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('visits.policy.current')}
              </Typography.Title>
              <PolicyVersion policy={data.current} testId="policy-current" />
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('visits.policy.scheduled')}
              </Typography.Title>
              {data.scheduled.length === 0 ? (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t('visits.policy.noScheduled')}
                />
              ) : (
                data.scheduled.map((p) => (
                  <PolicyVersion key={p.version} policy={p} testId="policy-scheduled" />
                ))
              )}
            </>
          )}
        </Space>
        {editing && base && <PolicyEditor base={base} onClose={() => setEditing(false)} />}
      </Card>
      <CampaignsCard canEdit={canEdit} />
    </Space>
  );
}
