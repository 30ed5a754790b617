import { Button, Card, Empty, Flex, Progress, Statistic, theme, Typography } from 'antd';
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeView } from '../../../../../server/modules/users/contract.ts';
import { useOpenEmergencies } from '../../modules/emergencies/api.ts';
import { formatMonth, currentMonth } from '../../modules/rosters/month.ts';
import { formatRate, useVisitRate } from '../../modules/visit-rate/api.ts';
import {
  todoCardsOf,
  useExportsToDecide,
  useLateRounds,
  useOverdueCount,
  useRoundsToReview,
  useWorklistCounts,
} from './todos.ts';

type Load = { isPending: boolean; isError: boolean; refetch: () => unknown };

/**
 * One to-do: a card that links to the page where it is done. A count that is not 0 stands out
 * (warning, or danger for emergencies); while loading the number is a skeleton, a failure says so
 * with a retry that does not follow the link.
 */
function TodoCard(props: {
  id: string;
  to: string;
  title: string;
  hint: ReactNode;
  load: Load;
  count?: number | undefined;
  /** What shows instead of the count (the rate, the worklist's three counts). */
  value?: ReactNode;
  alert?: boolean;
  tone?: 'warning' | 'danger';
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { load } = props;
  const alert = props.alert ?? (props.count ?? 0) > 0;
  const colour = props.tone === 'danger' ? token.colorError : token.colorWarning;
  const retry = (e: MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
    void load.refetch();
  };
  return (
    <Link
      to={props.to}
      data-testid={`todo-${props.id}`}
      data-count={props.count}
      data-alert={alert && !load.isError ? 'true' : 'false'}
      style={{ display: 'block', height: '100%' }}
    >
      <Card
        hoverable
        size="small"
        style={{
          height: '100%',
          ...(alert && !load.isError
            ? {
                borderColor:
                  props.tone === 'danger' ? token.colorErrorBorder : token.colorWarningBorder,
                background: props.tone === 'danger' ? token.colorErrorBg : token.colorWarningBg,
              }
            : {}),
        }}
      >
        {load.isError ? (
          <Statistic
            title={props.title}
            valueRender={() => (
              <Flex align="center" gap={8} data-testid="todo-error">
                <Typography.Text type="danger">{t('home.todo.loadFailed')}</Typography.Text>
                <Button size="small" onClick={retry} data-testid="todo-retry">
                  {t('common.retry')}
                </Button>
              </Flex>
            )}
          />
        ) : (
          <Statistic
            title={props.title}
            loading={load.isPending}
            value={props.count}
            {...(props.value === undefined ? {} : { valueRender: () => props.value })}
            styles={{ content: alert ? { color: colour } : {} }}
          />
        )}
        {!load.isError && props.hint && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {props.hint}
          </Typography.Text>
        )}
      </Card>
    </Link>
  );
}

/** 待办事项: the user's to-dos as cards in a responsive grid, each from what the role may read. */
export function TodoCards({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const show = todoCardsOf(me);
  const toReview = useRoundsToReview(show.rosterReview);
  const late = useLateRounds(show.rosterLate);
  const overdue = useOverdueCount(show.overdue);
  const worklist = useWorklistCounts(show.worklist);
  const emergencies = useOpenEmergencies(show.emergencies);
  const rate = useVisitRate(currentMonth(), undefined, show.visitRate);
  const exports = useExportsToDecide(show.exportRequests);

  const cards: { id: string; node: ReactNode }[] = [];
  if (show.worklist) {
    const c = worklist.data;
    cards.push({
      id: 'worklist',
      node: (
        <TodoCard
          id="worklist"
          to="/visit-dues"
          title={t('home.todo.worklist.title')}
          hint={null}
          load={worklist}
          count={c ? c.overdue + c.today : undefined}
          value={
            c && (
              <Flex gap={20}>
                {(['overdue', 'today', 'week'] as const).map((k) => (
                  <span key={k} data-testid={`todo-worklist-${k}`} data-count={c[k]}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`home.todo.worklist.${k}`)}
                    </Typography.Text>{' '}
                    {c[k]}
                  </span>
                ))}
              </Flex>
            )
          }
        />
      ),
    });
  }
  if (show.overdue) {
    cards.push({
      id: 'overdue',
      node: (
        <TodoCard
          id="overdue"
          to="/visit-dues"
          title={t('home.todo.overdue.title')}
          hint={overdue.data && t(`home.todo.overdue.hints.${overdue.data.level}`)}
          load={overdue}
          count={overdue.data?.total}
        />
      ),
    });
  }
  if (show.emergencies) {
    cards.push({
      id: 'emergencies',
      node: (
        <TodoCard
          id="emergencies"
          to="/emergencies"
          title={t('home.todo.emergencies.title')}
          hint={t('home.todo.emergencies.hint')}
          load={emergencies}
          count={emergencies.data?.total}
          tone="danger"
        />
      ),
    });
  }
  if (show.rosterReview) {
    const month = toReview.data?.month;
    cards.push({
      id: 'roster-review',
      node: (
        <TodoCard
          id="roster-review"
          to={`/roster-rounds?${month ? `month=${month}&` : ''}status=submitted`}
          title={t('home.todo.rosterReview.title')}
          hint={t('home.todo.rosterReview.hint')}
          load={toReview}
          count={toReview.data?.count}
        />
      ),
    });
  }
  if (show.rosterLate) {
    cards.push({
      id: 'roster-late',
      node: (
        <TodoCard
          id="roster-late"
          to={`/roster-rounds?month=${late.month}&status=late`}
          title={t('home.todo.rosterLate.title')}
          hint={t('home.todo.rosterLate.hint', { month: formatMonth(late.month) })}
          load={late}
          count={late.count}
        />
      ),
    });
  }
  if (show.exportRequests) {
    cards.push({
      id: 'export-requests',
      node: (
        <TodoCard
          id="export-requests"
          to="/export-requests"
          title={t('home.todo.exportRequests.title')}
          hint={t('home.todo.exportRequests.hint')}
          load={exports}
          count={exports.data}
        />
      ),
    });
  }
  if (show.visitRate) {
    const all = rate.data?.totals.all;
    cards.push({
      id: 'visit-rate',
      node: (
        <TodoCard
          id="visit-rate"
          to="/visit-rate"
          title={t('home.todo.visitRate.title')}
          hint={
            all &&
            (all.covered > 0
              ? t('home.todo.visitRate.hint', { visited: all.visited, covered: all.covered })
              : t('home.todo.visitRate.noneInCare'))
          }
          load={rate}
          alert={false}
          value={
            all && (
              <div data-testid="todo-visit-rate-value" data-rate={all.rate ?? ''}>
                {formatRate(all.rate)}
                <Progress
                  percent={Math.round((all.rate ?? 0) * 1000) / 10}
                  status={all.rate === 1 ? 'success' : 'normal'}
                  showInfo={false}
                  size="small"
                  style={{ margin: 0 }}
                />
              </div>
            )
          }
        />
      ),
    });
  }

  return (
    <Card title={t('home.todo.title')} data-testid="todo-cards">
      {cards.length === 0 ? (
        <Empty description={t('home.todo.empty')} />
      ) : (
        // as many equal columns as fit (five beside the menu at 1366 px, one on a phone)
        <div
          style={{
            display: 'grid',
            gap: 16,
            gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
          }}
        >
          {cards.map((c) => (
            <div key={c.id}>{c.node}</div>
          ))}
        </div>
      )}
    </Card>
  );
}
