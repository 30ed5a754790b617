import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  CareLevel,
  SubjectDetail,
} from '../../../../../../server/modules/subjects/contract.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { SuggestedLevel } from '../../care-levels/components/SuggestedLevel.tsx';
import { SubjectSources } from '../../source-records/components/SubjectSources.tsx';
import { useSubject } from '../api.ts';
import {
  benefitLabel,
  categoryLabel,
  CareLevelTag,
  ConsentBadge,
  livingLabel,
  Phones,
  sourceLabel,
} from '../labels.tsx';

type Category = SubjectDetail['categoryHistory'][number];
type LevelChange = SubjectDetail['careLevelHistory'][number];
export type Suggested = { level: CareLevel; reason: string | null };

/** GET /api/subjects/:id: one member's file (the read is audited), with the histories it keeps. */
export function MemberDrawer(props: {
  subjectId: string;
  onClose: () => void;
  onSetCareLevel?: (s: SubjectDetail, suggested?: Suggested) => void;
  /** For those who may reveal: the birth date in full, with a reason (audited). */
  onRevealBirthDate?: (s: SubjectDetail) => void;
}) {
  const { t } = useTranslation();
  const subject = useSubject(props.subjectId);
  const s = subject.data;
  const none = t('common.none');

  return (
    <Drawer
      open
      size={720}
      title={s ? t('households.detailTitle', { name: s.name }) : t('common.loading')}
      onClose={props.onClose}
      destroyOnHidden
      extra={
        s &&
        props.onSetCareLevel && (
          <Button type="primary" onClick={() => props.onSetCareLevel?.(s)}>
            {t('households.setCareLevel')}
          </Button>
        )
      }
    >
      {subject.isError && <Alert type="error" showIcon title={errorMessage(subject.error)} />}
      {subject.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {s && (
        <Space
          orientation="vertical"
          size="large"
          style={{ width: '100%' }}
          data-testid="member-detail"
        >
          <Descriptions title={t('households.basics')} bordered size="small" column={2}>
            <Descriptions.Item label={t('subjects.kind')}>
              {t(`subjects.kinds.${s.kind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('subjects.sex')}>
              {t(`subjects.sexes.${s.sex}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('subjects.age')}>
              {t('subjects.ageValue', { age: s.age })}
            </Descriptions.Item>
            <Descriptions.Item label={t('households.birthDate')}>
              <Space size={4}>
                <span data-testid="member-birth-date">{t('households.birthDateHidden')}</span>
                {props.onRevealBirthDate && (
                  <Button
                    type="link"
                    size="small"
                    className="no-print"
                    onClick={() => props.onRevealBirthDate?.(s)}
                  >
                    {t('households.reveal')}
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('subjects.idNumber')}>
              <code>{s.idNumberMasked}</code>
            </Descriptions.Item>
            <Descriptions.Item label={t('households.phones')}>
              <Phones mobile={s.mobileMasked} landline={s.landlineMasked} />
            </Descriptions.Item>
            <Descriptions.Item label={t('households.livingSituation')}>
              {livingLabel(t, s.livingSituation)}
            </Descriptions.Item>
            <Descriptions.Item label={t('common.status')}>
              {t(`subjects.statuses.${s.status}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('subjects.consent')}>
              <ConsentBadge consent={s.consent} />
            </Descriptions.Item>
            <Descriptions.Item label={t('households.consentDate')}>
              {s.consentDate ?? none}
            </Descriptions.Item>
            <Descriptions.Item label={t('households.consentReason')} span={2}>
              {s.consentReason ?? none}
            </Descriptions.Item>
            <Descriptions.Item label={t('households.healthNotes')} span={2}>
              {s.healthNotes ?? none}
            </Descriptions.Item>
            <Descriptions.Item label={t('households.disability')} span={2}>
              {s.disabilityKind || s.disabilityGrade !== null ? (
                <Space size={8}>
                  {s.disabilityKind && <span>{s.disabilityKind}</span>}
                  {s.disabilityGrade !== null && (
                    <span>{t('households.disabilityGrade', { grade: s.disabilityGrade })}</span>
                  )}
                </Space>
              ) : (
                none
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('households.benefits')} span={2}>
              {s.benefits.length
                ? s.benefits.map((b) => (
                    <Tag key={b} bordered={false} color="gold">
                      {benefitLabel(t, b)}
                    </Tag>
                  ))
                : none}
            </Descriptions.Item>
            {s.status === 'removed' && (
              <Descriptions.Item label={t('households.removedReason')} span={2}>
                {s.removedReason ?? none}
              </Descriptions.Item>
            )}
          </Descriptions>

          <Descriptions title={t('subjects.careLevel')} bordered size="small" column={2}>
            <Descriptions.Item label={t('households.currentLevel')}>
              <CareLevelTag level={s.careLevel} />
            </Descriptions.Item>
            <Descriptions.Item label={t('households.levelSetAt')}>
              {formatDateTime(s.careLevelSetAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('households.levelReason')}>
              {s.careLevelReason ?? none}
            </Descriptions.Item>
            <Descriptions.Item label={t('households.levelSetBy')}>
              {s.careLevelSetByName ?? none}
            </Descriptions.Item>
            {s.status === 'active' && (
              <Descriptions.Item label={t('suggestion.label')} span={2}>
                <SuggestedLevel
                  subjectId={s.id}
                  onApply={
                    props.onSetCareLevel
                      ? (level, reason) => props.onSetCareLevel?.(s, { level, reason })
                      : undefined
                  }
                />
              </Descriptions.Item>
            )}
          </Descriptions>

          <SubjectSources subjectId={s.id} />

          <div>
            <Typography.Title level={5}>{t('households.categoryHistory')}</Typography.Title>
            <Table<Category>
              rowKey={(c) => `${c.category}:${c.validFrom}`}
              size="small"
              pagination={false}
              dataSource={s.categoryHistory}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                {
                  title: t('subjects.category'),
                  dataIndex: 'category',
                  render: (c: string) => categoryLabel(t, s.kind, c),
                },
                { title: t('households.validFrom'), dataIndex: 'validFrom' },
                {
                  title: t('households.validTo'),
                  dataIndex: 'validTo',
                  render: (v: string | null) => v ?? t('households.untilNow'),
                },
                {
                  title: t('households.source'),
                  dataIndex: 'source',
                  render: (v: string) => sourceLabel(t, v),
                },
              ]}
            />
          </div>

          <div>
            <Typography.Title level={5}>{t('households.levelHistory')}</Typography.Title>
            <Table<LevelChange>
              rowKey={(c) => c.setAt}
              size="small"
              pagination={false}
              dataSource={s.careLevelHistory}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                {
                  title: t('households.levelSetAt'),
                  dataIndex: 'setAt',
                  render: (v: string) => formatDateTime(v),
                },
                {
                  title: t('households.fromTo'),
                  key: 'change',
                  render: (_, c) => (
                    <Space size={4}>
                      {c.fromLevel && <CareLevelTag level={c.fromLevel} />}
                      {c.fromLevel && '→'}
                      <CareLevelTag level={c.toLevel} />
                    </Space>
                  ),
                },
                { title: t('households.levelReason'), dataIndex: 'reason' },
                {
                  title: t('households.levelSetBy'),
                  dataIndex: 'setByName',
                  render: (v: string | null) => v ?? none,
                },
              ]}
            />
          </div>
        </Space>
      )}
    </Drawer>
  );
}
