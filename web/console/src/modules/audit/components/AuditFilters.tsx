import { AutoComplete, Button, DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import zhCN from '../../../../../shared/locales/zh-CN.ts';

export type AuditFilterValues = Record<
  'username' | 'action' | 'entity' | 'success' | 'from' | 'to',
  string | undefined
>;

/** The entities the platform writes today. */
export const knownEntities = Object.keys(
  zhCN.audit.entities,
) as (keyof typeof zhCN.audit.entities)[];

type Props = {
  values: AuditFilterValues;
  /** The catalogue of audited event types, named (free text still works for others). */
  actions: { action: string; label: string }[];
  onChange: (patch: Partial<Record<keyof AuditFilterValues, string | null>>) => void;
  onClear: () => void;
};

export function AuditFilters({ values, actions, onChange, onClear }: Props) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(values.username ?? '');
  const [action, setAction] = useState(values.action ?? '');
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null =
    values.from && values.to ? [dayjs(values.from), dayjs(values.to)] : null;

  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input
        allowClear
        placeholder={t('audit.username')}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        onPressEnter={() => onChange({ username: username.trim() })}
        style={{ width: 150 }}
      />
      <AutoComplete
        allowClear
        placeholder={t('audit.action')}
        value={action}
        onChange={(v: string) => setAction(v ?? '')}
        onSelect={(v: string) => onChange({ action: v })}
        options={actions.map((a) => ({ value: a.action, label: `${a.label} · ${a.action}` }))}
        showSearch={{
          filterOption: (input, option) => String(option?.label ?? '').includes(input),
        }}
        style={{ width: 220 }}
      />
      <Select
        allowClear
        placeholder={t('audit.entity')}
        value={values.entity}
        onChange={(v?: string) => onChange({ entity: v ?? null })}
        options={knownEntities.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
        style={{ width: 140 }}
      />
      <Select
        allowClear
        placeholder={t('audit.success')}
        value={values.success}
        onChange={(v?: string) => onChange({ success: v ?? null })}
        options={[
          { value: 'true', label: t('audit.succeeded') },
          { value: 'false', label: t('audit.failed') },
        ]}
        style={{ width: 120 }}
      />
      <DatePicker.RangePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        value={range}
        onChange={(r) =>
          onChange({
            from: r?.[0] ? r[0].format('YYYY-MM-DDTHH:mm:ssZ') : null,
            to: r?.[1] ? r[1].format('YYYY-MM-DDTHH:mm:ssZ') : null,
          })
        }
      />
      <Button
        type="primary"
        onClick={() => onChange({ username: username.trim(), action: action.trim() })}
      >
        {t('common.search')}
      </Button>
      <Button
        onClick={() => {
          setUsername('');
          setAction('');
          onClear();
        }}
      >
        {t('common.reset')}
      </Button>
    </Space>
  );
}
