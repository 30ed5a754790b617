import { Checkbox, Col, Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { duePeriods, visitKinds } from '../../../../../../server/modules/visits/contract.ts';

type NamePath = (string | number)[];

/**
 * The fields of one visit requirement (a policy's level, a care plan's rhythm, a campaign): the
 * period, the visits, the kinds that count, of which at home. `name` is where it sits in its form
 * or list, `path` its whole path in the form (for the check of the home visits against the visits).
 */
export function RequirementFields({ name, path }: { name: NamePath; path: NamePath }) {
  const { t } = useTranslation();
  return (
    <>
      <Col flex="110px">
        <Form.Item name={[...name, 'period']} label={t('visits.policy.period')}>
          <Select
            options={duePeriods.map((p) => ({
              value: p,
              label: t(`visits.policy.periods.${p}`),
            }))}
          />
        </Form.Item>
      </Col>
      <Col flex="90px">
        <Form.Item
          name={[...name, 'visits']}
          label={t('visits.policy.visits')}
          rules={[{ required: true, message: t('visits.policy.visits') }]}
        >
          <InputNumber min={1} max={31} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col flex="260px">
        <Form.Item
          name={[...name, 'kinds']}
          label={t('visits.policy.kinds')}
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: t('common.requiredChoice', { field: t('visits.policy.kinds') }),
            },
          ]}
        >
          <Checkbox.Group
            options={visitKinds.map((k) => ({
              value: k,
              label: t(`visits.kindsShort.${k}`),
            }))}
          />
        </Form.Item>
      </Col>
      <Col flex="150px">
        <Form.Item
          name={[...name, 'homeVisits']}
          label={t('visits.policy.homeVisits')}
          dependencies={[[...path, 'visits']]}
          rules={[
            { required: true, message: t('visits.policy.homeVisits') },
            ({ getFieldValue }) => ({
              validator: (_, v: number | null) =>
                v === null || v === undefined || v <= getFieldValue([...path, 'visits'])
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('visits.policy.homeAboveVisits'))),
            }),
          ]}
        >
          <InputNumber min={0} max={31} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </>
  );
}
