import { ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** 任务: the visits due; a placeholder until the visits module exists. */
export function TasksScreen() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: '48px 16px' }}>
      <ErrorBlock
        status="empty"
        title={t('field.tasks.empty')}
        description=""
        data-testid="tasks-empty"
      />
    </div>
  );
}
