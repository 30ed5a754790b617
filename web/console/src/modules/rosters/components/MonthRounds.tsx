import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RoundDetail } from '../api.ts';
import { RoundStatusTag } from '../labels.tsx';

/** 本月各轮: the street's round of the month and its correction rounds, each a link with its state. */
export function MonthRounds(props: { current: string; rounds: RoundDetail['monthRounds'] }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={12} data-testid="month-rounds">
      {props.rounds.map((r) => {
        const name =
          r.sequence === 0
            ? t('roundFlow.mainRound')
            : t('roundFlow.correctionTag', { sequence: r.sequence });
        return (
          <Space key={r.id} size={2} data-testid="month-round">
            {r.id === props.current ? (
              <Tag color="processing">{name}</Tag>
            ) : (
              <Link to={`/roster-rounds/${r.id}`}>{name}</Link>
            )}
            <RoundStatusTag status={r.status} testId="month-round-status" />
          </Space>
        );
      })}
    </Space>
  );
}
