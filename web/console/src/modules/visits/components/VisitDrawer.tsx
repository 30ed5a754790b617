import { Alert, Descriptions, Drawer, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { Position } from '../../../../../../server/modules/visits/contract.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useVisit, type VisitView } from '../api.ts';
import { OutcomeTag, VisitKindTag } from '../labels.tsx';
import { ReviewVisitPanel } from './ReviewVisitPanel.tsx';
import { VisitMapSection } from './VisitMapSection.tsx';
import { VisitPhotos } from './VisitPhotos.tsx';
import { useAbilityItems } from '../../ability-assessments/api.ts';

type Assessment = NonNullable<VisitView['assessment']>;
type ItemCode = keyof Assessment;
const statusColours = { normal: 'green', attention: 'orange', risk: 'red' } as const;

function position(t: TFunction, p: z.infer<typeof Position> | null) {
  if (!p) return t('visits.detail.nothing');
  return t('visits.detail.position', {
    // not `lng`: i18next takes that for the language and answers in Chinese
    latitude: p.lat.toFixed(6),
    longitude: p.lng.toFixed(6),
    accuracy: Math.round(p.accuracy),
    at: formatDateTime(p.at),
  });
}

function tags(list: readonly string[], label: (code: string) => string, empty: string) {
  if (!list.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {list.map((c) => (
        <Tag key={c}>{label(c)}</Tag>
      ))}
    </Space>
  );
}

/** One visit (GET /api/visits/:id: each read is audited): the times, the outcome, the evidence. */
export function VisitDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const visit = useVisit(id);
  const v = visit.data;
  // the level names as the server gives them (the 能力评估 form's catalogue)
  const abilityItems = useAbilityItems();
  const none = t('visits.detail.nothing');
  const assessment = v?.assessment
    ? (Object.entries(v.assessment) as [ItemCode, Assessment[ItemCode]][]).filter(([, e]) => e)
    : [];

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={v ? `${t('visits.detail.title')} · ${v.subjectName}` : t('visits.detail.title')}
      destroyOnHidden
      data-testid="visit-drawer"
    >
      {visit.isError && <Alert type="error" showIcon title={errorMessage(visit.error)} />}
      {visit.isPending && id && <Skeleton active />}
      {v && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {/* evidence gone to review comes first: it is what its reader opened it for */}
          {v.review !== 'none' && <ReviewVisitPanel visit={v} />}
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('visits.ledger.subject')} span={2}>
              <Link to={`/households/${v.householdId}`}>{v.subjectName}</Link>
              <Typography.Text type="secondary">
                {' '}
                · {t(`subjects.kinds.${v.subjectKind}`)} · {v.divisionName ?? v.divisionCode}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.ledger.visitor')}>
              {v.visitorName ?? t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.ledger.kind')}>
              <VisitKindTag kind={v.kind} />
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.ledger.startedAt')}>
              {formatDateTime(v.startedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.detail.endedAt')}>
              {formatDateTime(v.endedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.ledger.duration')}>
              {t('visits.ledger.minutes', { n: v.durationMinutes })}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.detail.recordedAt')}>
              {formatDateTime(v.recordedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.ledger.outcome')}>
              <span data-testid="visit-outcome">
                <OutcomeTag outcome={v.outcome} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.ledger.counts')}>
              {v.counts ? (
                <Tag color="success">{t('visits.ledger.countsYes')}</Tag>
              ) : (
                <Tag>{t('visits.ledger.countsNo')}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.detail.checkIn')} span={2}>
              {position(t, v.checkIn)}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.detail.checkOut')} span={2}>
              {position(t, v.checkOut)}
            </Descriptions.Item>
            {v.gpsIssue && (
              <Descriptions.Item label={t('visits.detail.gpsIssue')} span={2}>
                {t(`visits.detail.gpsIssues.${v.gpsIssue}`)}
              </Descriptions.Item>
            )}
            {v.ability && (
              <Descriptions.Item label={t('visits.detail.ability')} span={2}>
                <span data-testid="visit-ability">
                  {t('visits.detail.abilityScore', {
                    total: v.ability.total,
                    level:
                      abilityItems.data?.levels.find((l) => l.level === v.ability?.finalLevel)
                        ?.name ?? v.ability.finalLevel,
                  })}
                </span>
                {v.ability.suggestedCareLevel && (
                  <Typography.Text type="warning" style={{ marginLeft: 8 }}>
                    {t('visits.detail.abilitySuggests', {
                      level: t(`subjects.careLevels.${v.ability.suggestedCareLevel}`),
                    })}{' '}
                    <Link to={`/households/${v.householdId}`}>
                      {t('visits.detail.abilityConfirm')}
                    </Link>
                  </Typography.Text>
                )}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('visits.detail.visitNote')} span={2}>
              <span data-testid="visit-note">{v.note ?? none}</span>
            </Descriptions.Item>
          </Descriptions>

          <VisitMapSection visit={v} />

          {v.review === 'none' && <ReviewVisitPanel visit={v} />}

          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('visits.detail.photos')}
          </Typography.Title>
          <VisitPhotos photos={v.photos} />

          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('visits.detail.assessment')}
          </Typography.Title>
          {assessment.length ? (
            <Table
              size="small"
              rowKey={([code]) => code}
              pagination={false}
              dataSource={assessment}
              columns={[
                {
                  title: t('visits.detail.item'),
                  key: 'item',
                  render: (_, [code]) => t(`visits.detail.items.${code}`),
                },
                {
                  title: t('visits.detail.status'),
                  key: 'status',
                  render: (_, [, e]) =>
                    e && (
                      <Tag color={statusColours[e.status]}>
                        {t(`visits.detail.statuses.${e.status}`)}
                      </Tag>
                    ),
                },
                {
                  title: t('visits.detail.note'),
                  key: 'note',
                  render: (_, [, e]) => e?.note ?? t('common.none'),
                },
              ]}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={none} />
          )}

          <Descriptions column={1} size="small" bordered title={t('visits.detail.findings')}>
            <Descriptions.Item label={t('visits.detail.needs')}>
              {tags(
                v.findings?.needs ?? [],
                (c) => t(`visits.detail.needList.${c as 'other'}`),
                none,
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.detail.hazards')}>
              {tags(
                v.findings?.hazards ?? [],
                (c) => t(`visits.detail.hazardList.${c as 'other'}`),
                none,
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.detail.benefits')}>
              {tags(
                v.findings?.benefits ?? [],
                (c) => t(`visits.detail.benefitList.${c as 'dibao'}`),
                none,
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.detail.findingsNote')}>
              {v.findings?.note ?? none}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.detail.outreach')}>
              {tags(v.outreach, (c) => t(`visits.detail.outreachList.${c as 'other'}`), none)}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.detail.survey')}>
              {v.survey ? (
                <>
                  {t(`visits.detail.satisfactions.${v.survey.satisfaction}`)}
                  {v.survey.comment ? ` · ${v.survey.comment}` : ''}
                </>
              ) : (
                none
              )}
            </Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </Drawer>
  );
}
