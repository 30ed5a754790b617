import { BulbOutlined } from '@ant-design/icons';
import { Alert, Button, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CareLevel } from '../../../../../../server/modules/subjects/contract.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { CareLevelTag } from '../../subjects/labels.tsx';
import { useSuggestedCareLevel } from '../api.ts';
import { useReasonText } from '../reasons.ts';

const rank: Record<CareLevel, number> = { special: 0, key: 1, regular: 2 };

/**
 * 建议等级 (GET /api/subjects/:id/suggested-care-level): the level the rules suggest and why,
 * highlighted when it is above the current level, with a way to the care-level dialog for those
 * who may classify.
 */
export function SuggestedLevel(props: {
  subjectId: string;
  onApply?: (level: CareLevel, reason: string | null) => void;
}) {
  const { t } = useTranslation();
  const suggestion = useSuggestedCareLevel(props.subjectId);
  const reasonText = useReasonText();
  const s = suggestion.data;
  if (suggestion.isError)
    return <Alert type="error" showIcon title={errorMessage(suggestion.error)} />;
  if (!s) return <Skeleton.Input active size="small" />;
  const higher = rank[s.level] < rank[s.current];
  const reason = reasonText(s);
  const content = (
    <Space wrap size={8} data-testid="suggested-level">
      <CareLevelTag level={s.level} />
      <span data-testid="suggested-reason">{reason ?? t('suggestion.noRule')}</span>
      {higher && (
        <Typography.Text type="warning" strong data-testid="suggested-higher">
          {t('suggestion.higher')}
        </Typography.Text>
      )}
      {higher && props.onApply && (
        <Button size="small" type="link" onClick={() => props.onApply?.(s.level, reason)}>
          {t('suggestion.apply')}
        </Button>
      )}
    </Space>
  );
  if (!higher) return content;
  return <Alert type="warning" icon={<BulbOutlined />} showIcon title={content} />;
}
