import { Alert, App, Button, Card, Empty, Radio, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  correctionMonths,
  type RosterSettingView,
} from '../../../../../../server/modules/rosters/contract.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useRosterSettings, useSaveRosterSetting } from '../api.ts';

type Setting = z.infer<typeof RosterSettingView>;
type Corrections = Setting['corrections'];

/**
 * 系统管理 → 名册设置: each district in scope chooses where corrections go once a month's round is
 * approved; a save names the version it read, and someone else's save since is refused (409).
 */
export default function RosterSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useRosterSettings();
  const save = useSaveRosterSetting();
  const [drafts, setDrafts] = useState<Record<string, Corrections>>({});
  const picked = (s: Setting) => drafts[s.districtCode] ?? s.corrections;

  const onSave = (s: Setting) =>
    save.mutate(
      { districtCode: s.districtCode, body: { corrections: picked(s), version: s.version } },
      {
        onSuccess: (saved) => {
          setDrafts(({ [s.districtCode]: _, ...rest }) => rest);
          void message.success(t('rosterSettings.saved', { district: saved.districtName }));
        },
      },
    );

  const columns: ColumnsType<Setting> = [
    {
      title: t('rosterSettings.district'),
      dataIndex: 'districtName',
      render: (name: string, s) => (
        <span>
          {name}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {s.districtCode}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('rosterSettings.corrections'),
      key: 'corrections',
      render: (_, s) => (
        <Radio.Group
          value={picked(s)}
          onChange={(e) => setDrafts((d) => ({ ...d, [s.districtCode]: e.target.value }))}
          data-testid={`roster-setting-${s.districtCode}`}
        >
          <Space orientation="vertical">
            {correctionMonths.map((c) => (
              <Radio key={c} value={c}>
                {t(`rosterSettings.${c}`)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      ),
    },
    {
      title: t('rosterSettings.source'),
      key: 'source',
      render: (_, s) =>
        s.chosen ? (
          <Tag color="blue">{t('rosterSettings.chosen')}</Tag>
        ) : (
          <Tag>{t('rosterSettings.following')}</Tag>
        ),
    },
    {
      title: t('rosterSettings.updated'),
      key: 'updated',
      render: (_, s) =>
        s.updatedAt ? `${formatDateTime(s.updatedAt)} ${s.updatedByName ?? ''}` : t('common.none'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) => (
        <Button
          type="primary"
          disabled={picked(s) === s.corrections && s.chosen}
          loading={save.isPending && save.variables?.districtCode === s.districtCode}
          onClick={() => onSave(s)}
          data-testid={`roster-setting-save-${s.districtCode}`}
        >
          {t('rosterSettings.save')}
        </Button>
      ),
    },
  ];

  const defaults = settings.data?.defaultCorrections;
  return (
    <Card title={t('rosterSettings.title')}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('rosterSettings.intro')}
        </Typography.Paragraph>
        {defaults && (
          <Typography.Text type="secondary">
            {t('rosterSettings.defaultNote', { value: t(`rosterSettings.${defaults}`) })}
          </Typography.Text>
        )}
        {(settings.error ?? save.error) && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(settings.error ?? save.error)}
            data-testid="roster-settings-error"
          />
        )}
        <Table<Setting>
          rowKey="districtCode"
          size="middle"
          data-testid="roster-settings"
          loading={settings.isPending}
          columns={columns}
          dataSource={settings.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('rosterSettings.empty')} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      </Space>
    </Card>
  );
}
