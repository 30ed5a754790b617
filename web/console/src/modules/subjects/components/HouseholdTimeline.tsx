import { Card, Empty, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { TimelineEventView } from '../../../../../../server/modules/subjects/contract.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { levelLabel } from '../labels.tsx';

type Event = z.infer<typeof TimelineEventView>;

const colours: Record<string, string> = {
  'subject.joined': 'green',
  'subject.removed': 'gray',
  'subject.care_level_changed': 'orange',
  'emergency.opened': 'red',
  'emergency.taken': 'orange',
  'emergency.closed': 'gray',
};

/** What an event says beyond its title; other modules' kinds have their title and time only. */
function EventDetail({ event }: { event: Event }) {
  const { t } = useTranslation();
  const d = event.detail;
  if (event.kind !== 'subject.care_level_changed' || !d) return null;
  return (
    <div data-testid="event-detail">
      <div>
        {t('households.levelChange', { from: levelLabel(t, d.from), to: levelLabel(t, d.to) })}
      </div>
      {typeof d.reason === 'string' && d.reason && (
        <Typography.Text type="secondary">
          {t('households.reason', { reason: d.reason })}
        </Typography.Text>
      )}
    </div>
  );
}

/** The household's timeline, newest first: what happened, when (Asia/Shanghai), by whom. */
export function HouseholdTimeline({ events }: { events: Event[] }) {
  const { t } = useTranslation();
  const sorted = [...events].sort(
    (a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.id - a.id,
  );
  return (
    <Card title={t('households.timeline')} size="small" data-testid="household-timeline">
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.noEvents')} />
      ) : (
        <Timeline
          items={sorted.map((e) => ({
            key: e.id,
            color: colours[e.kind] ?? 'blue',
            content: (
              <div data-testid="timeline-event">
                <Space size={8} wrap>
                  <Typography.Text strong data-testid="event-title">
                    {e.title}
                  </Typography.Text>
                  {e.subjectName && <Typography.Text>{e.subjectName}</Typography.Text>}
                </Space>
                <EventDetail event={e} />
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(e.occurredAt)}
                    {e.actorName && ` · ${t('households.byActor', { name: e.actorName })}`}
                  </Typography.Text>
                </div>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
