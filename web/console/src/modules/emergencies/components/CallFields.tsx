import { DatePicker, Form, Input, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { emergencyParties } from '../../../../../../server/modules/emergencies/contract.ts';

/** The fields of one call (who, when, reached, a note), under a form list's name or at the top. */
export function CallFields(props: { name?: number; testId?: string }) {
  const { t } = useTranslation();
  const at = (field: string) => (props.name === undefined ? field : [props.name, field]);
  return (
    <>
      <Form.Item
        name={at('party')}
        label={t('emergencies.fields.party')}
        rules={[
          {
            required: true,
            message: t('emergencies.required', { field: t('emergencies.fields.party') }),
          },
        ]}
      >
        <Select
          data-testid={props.testId ? `${props.testId}-party` : undefined}
          options={emergencyParties.map((p) => ({
            value: p,
            label: t(`emergencies.parties.${p}`),
          }))}
          style={{ minWidth: 140 }}
        />
      </Form.Item>
      <Form.Item
        name={at('calledAt')}
        label={t('emergencies.fields.calledAt')}
        initialValue={dayjs()}
      >
        <DatePicker showTime disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item
        name={at('reached')}
        label={t('emergencies.fields.reached')}
        valuePropName="checked"
        initialValue={true}
      >
        <Switch
          checkedChildren={t('emergencies.reachedYes')}
          unCheckedChildren={t('emergencies.reachedNo')}
        />
      </Form.Item>
      <Form.Item name={at('note')} label={t('emergencies.fields.note')}>
        <Input maxLength={500} />
      </Form.Item>
    </>
  );
}

/** A call as the form holds it, in the body the server takes. */
export type CallValues = {
  party: string;
  calledAt?: dayjs.Dayjs;
  reached?: boolean;
  note?: string;
};
export const callBody = (v: CallValues) => ({
  party: v.party as (typeof emergencyParties)[number],
  calledAt: (v.calledAt ?? dayjs()).toISOString(),
  reached: v.reached ?? true,
  ...(v.note?.trim() ? { note: v.note.trim() } : {}),
});
