import { ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** 对象: the subjects in the visitor's scope; a placeholder until the subjects module exists. */
export function SubjectsScreen() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: '48px 16px' }}>
      <ErrorBlock status="empty" title={t('field.subjects.empty')} description="" />
    </div>
  );
}
