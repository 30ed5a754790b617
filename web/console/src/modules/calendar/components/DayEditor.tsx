import { AutoComplete, Form, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Entry } from '../api.ts';
import { isWeekend, weekdayOf } from './MonthGrid.tsx';

type Kind = Entry['kind'] | 'none';
const holidayNames = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];

/** Marks one day: an ordinary day, an official holiday or a make-up working day (weekends only). */
export function DayEditor(props: {
  date: string | null;
  entry: Entry | undefined;
  onCancel(): void;
  onDone(date: string, entry: Entry | null): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: Kind; name: string }>();
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (props.date)
      form.setFieldsValue({ kind: props.entry?.kind ?? 'none', name: props.entry?.name ?? '' });
  }, [props.date, props.entry, form]);
  if (!props.date) return null;
  const date = props.date;
  const weekday = t('calendar.weekdays').split(',')[(weekdayOf(date) + 6) % 7];
  return (
    <Modal
      open
      title={t('calendar.edit.title', { date, weekday })}
      onCancel={props.onCancel}
      onOk={() => {
        void form.validateFields().then((v) => {
          props.onDone(
            date,
            v.kind === 'none' ? null : { date, kind: v.kind, name: v.name.trim() },
          );
        });
      }}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="day-editor">
        <Form.Item
          name="kind"
          label={t('calendar.edit.kind')}
          rules={[
            {
              validator: (_, value: Kind) =>
                value === 'workday' && !isWeekend(date)
                  ? Promise.reject(new Error(t('calendar.edit.workdayWeekend')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Radio.Group>
            <Radio value="none">{t('calendar.edit.none')}</Radio>
            <Radio value="holiday">{t('calendar.edit.holiday')}</Radio>
            <Radio value="workday">{t('calendar.edit.workday')}</Radio>
          </Radio.Group>
        </Form.Item>
        {kind && kind !== 'none' ? (
          <Form.Item
            name="name"
            label={t('calendar.edit.name')}
            rules={[{ required: true, whitespace: true, message: t('calendar.edit.nameRequired') }]}
          >
            <AutoComplete
              options={holidayNames.map((value) => ({ value }))}
              placeholder={t('calendar.edit.namePlaceholder')}
              maxLength={20}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
