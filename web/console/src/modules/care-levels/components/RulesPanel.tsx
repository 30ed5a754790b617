import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../../shared/errors.ts';
import { useCareLevelRules, useReplaceCareLevelRules } from '../api.ts';
import { rulesText } from './ReportSheet.tsx';
import { RulesEditor } from './RulesEditor.tsx';
import { RulesTable } from './RulesTable.tsx';

/** 分级规则: the rules in force and, for those who may change them, the editor. */
export function RulesPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useCareLevelRules();
  const reset = useReplaceCareLevelRules();
  const [editing, setEditing] = useState(false);
  const data = rules.data;

  if (rules.isError) return <Alert type="error" showIcon title={errorMessage(rules.error)} />;
  if (!data) return <Skeleton active paragraph={{ rows: 6 }} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong data-testid="rules-effective">
          {t('careRules.effective', { rules: rulesText(t, data.effectiveFrom) })}
        </Typography.Text>
        {!editing && (
          <Space>
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('careRules.edit')}
            </Button>
            {data.effectiveFrom !== null && (
              <Popconfirm
                title={t('careRules.resetConfirm')}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={async () => {
                  try {
                    await reset.mutateAsync([]);
                    void message.success(t('careRules.saved'));
                  } catch (err) {
                    void message.error(errorMessage(err));
                  }
                }}
              >
                <Button icon={<UndoOutlined />} loading={reset.isPending}>
                  {t('careRules.resetDefaults')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Space>
      <Typography.Text type="secondary">{t('careRules.intro')}</Typography.Text>
      {editing ? (
        <RulesEditor rules={data.rules} onDone={() => setEditing(false)} />
      ) : (
        <RulesTable rules={data.rules} />
      )}
    </Space>
  );
}
