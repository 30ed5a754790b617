import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useCareLevelRules, useRestoreDefaultCareLevelRules } from '../api.ts';
import { rulesText } from './ReportSheet.tsx';
import { RuleHistory } from './RuleHistory.tsx';
import { RulesEditor } from './RulesEditor.tsx';
import { RulesTable } from './RulesTable.tsx';

/**
 * 分级规则: the rules in force (whether they are the V4 defaults, which version, who saved it),
 * the editor, 恢复默认规则 while other rules are in force, and the history of every saved version.
 */
export function RulesPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useCareLevelRules();
  const restore = useRestoreDefaultCareLevelRules();
  const [editing, setEditing] = useState(false);
  const data = rules.data;

  if (rules.isError) return <Alert type="error" showIcon title={errorMessage(rules.error)} />;
  if (!data) return <Skeleton active paragraph={{ rows: 6 }} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space orientation="vertical" size={2}>
          <Space wrap>
            <Typography.Text strong data-testid="rules-effective">
              {t('careRules.effective', {
                rules: rulesText(t, data.effectiveFrom, data.isDefault),
              })}
            </Typography.Text>
            <Tag color={data.isDefault ? 'green' : 'blue'} data-testid="rules-status">
              {data.isDefault ? t('careRules.defaultTag') : t('careRules.customTag')}
            </Tag>
          </Space>
          <Typography.Text type="secondary" data-testid="rules-version">
            {data.version === null
              ? t('careRules.neverChanged')
              : t('careRules.versionLine', {
                  version: data.version,
                  by: data.savedBy ?? t('careRules.history.unknownUser'),
                  at: formatDateTime(data.savedAt),
                })}
          </Typography.Text>
        </Space>
        {!editing && (
          <Space>
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('careRules.edit')}
            </Button>
            {!data.isDefault && (
              <Popconfirm
                title={t('careRules.resetConfirm')}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={async () => {
                  try {
                    await restore.mutateAsync();
                    void message.success(t('careRules.restored'));
                  } catch (err) {
                    void message.error(errorMessage(err));
                  }
                }}
              >
                <Button icon={<UndoOutlined />} loading={restore.isPending}>
                  {t('careRules.resetDefaults')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Space>
      <Typography.Text type="secondary">{t('careRules.intro')}</Typography.Text>
      {editing ? (
        <RulesEditor
          rules={data.rules}
          baseVersion={data.version}
          onDone={() => setEditing(false)}
        />
      ) : (
        <RulesTable rules={data.rules} />
      )}
      <RuleHistory />
    </Space>
  );
}
