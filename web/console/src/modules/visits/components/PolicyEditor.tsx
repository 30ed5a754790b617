import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  InputNumber,
  Modal,
  Row,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../../shared/api.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { FormError } from '../../../lib/FormError.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { shanghaiToday } from '../../subjects/dates.ts';
import { useSaveVisitPolicy, type PolicyRules, type VisitPolicyView } from '../api.ts';
import { RequirementFields } from './RequirementFields.tsx';

export const policyLevels = ['special', 'key', 'regular', 'disabledElder'] as const;
type Values = PolicyRules & { effectiveFrom: Dayjs };

/** One care level's requirements: period, visits, the kinds that count, of which at home. */
function Requirements({ level }: { level: (typeof policyLevels)[number] }) {
  const { t } = useTranslation();
  return (
    <Form.List name={level}>
      {(fields, { add, remove }) => (
        <Card
          size="small"
          title={t(`visits.policy.levels.${level}`)}
          data-testid={`policy-edit-${level}`}
          extra={
            <Button
              size="small"
              icon={<PlusOutlined />}
              disabled={fields.length >= 4}
              onClick={() => add({ period: 'month', visits: 1, kinds: ['home'], homeVisits: 0 })}
            >
              {t('visits.policy.addRequirement')}
            </Button>
          }
        >
          {fields.length === 0 && (
            <Typography.Text type="secondary">{t('visits.policy.none')}</Typography.Text>
          )}
          {fields.map((field) => (
            <Row key={field.key} gutter={12} align="top" wrap={false}>
              <RequirementFields name={[field.name]} path={[level, field.name]} />
              <Col flex="32px" style={{ paddingTop: 30 }}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('visits.policy.remove')}
                  disabled={level !== 'disabledElder' && fields.length <= 1}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
        </Card>
      )}
    </Form.List>
  );
}

/**
 * 修改巡访频次: the rules of the version shown, edited and saved from a day on (today or later),
 * naming that version: a save by someone else meanwhile is refused with the server's 409 message.
 */
export function PolicyEditor({ base, onClose }: { base: VisitPolicyView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useSaveVisitPolicy();
  const today = shanghaiToday();

  const submit = async ({ effectiveFrom, ...rules }: Values) => {
    setError(null);
    try {
      const date = effectiveFrom.format('YYYY-MM-DD');
      await save.mutateAsync({ rules, effectiveFrom: date, baseVersion: base.version });
      void message.success(t('visits.policy.saved', { date }));
      onClose();
    } catch (err) {
      // someone else saved meanwhile: the server's message names the version now in force
      if (isApiError(err) && err.status === 409) setError(errorMessage(err));
      else
        setError(
          applyServerErrors(form, err, ['effectiveFrom', 'triggerHours'], {
            'rules.triggerHours': 'triggerHours',
          }),
        );
    }
  };

  return (
    <Modal
      open
      width={860}
      title={t('visits.policy.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ id: 'policy-save' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('visits.policy.basedOn', {
          version:
            base.version === null
              ? t('visits.policy.default')
              : t('visits.policy.versionN', { version: base.version }),
        })}
      </Typography.Paragraph>
      <FormError message={error} testId="policy-error" />
      <Form
        form={form}
        layout="vertical"
        size="small"
        initialValues={{ ...base.rules, effectiveFrom: dayjs(today) }}
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setError(null)}
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {policyLevels.map((level) => (
            <Requirements key={level} level={level} />
          ))}
          <Card size="small">
            <Row gutter={16}>
              <Col span={6}>
                <Form.Item
                  name="triggerHours"
                  label={t('visits.policy.triggerHours')}
                  rules={[{ required: true, message: t('visits.policy.triggerHours') }]}
                >
                  <InputNumber
                    min={1}
                    max={168}
                    precision={0}
                    suffix={t('visits.policy.hours')}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              {(['community', 'street', 'district'] as const).map((k, i, all) => (
                <Col span={6} key={k}>
                  <Form.Item
                    name={['escalation', k]}
                    label={`${t('visits.policy.escalation')} · ${t(`visits.policy.${k}`)}`}
                    dependencies={all.slice(0, i).map((p) => ['escalation', p])}
                    rules={[
                      { required: true, message: t(`visits.policy.${k}`) },
                      ({ getFieldValue }) => ({
                        validator: (_, v: number | null) => {
                          const before = i > 0 ? getFieldValue(['escalation', all[i - 1]]) : null;
                          return v === null ||
                            before === null ||
                            before === undefined ||
                            v >= before
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('visits.policy.escalationOrder')));
                        },
                      }),
                    ]}
                  >
                    <InputNumber
                      min={0}
                      max={60}
                      precision={0}
                      suffix={t('visits.policy.days')}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Form.Item
              name="effectiveFrom"
              label={t('visits.policy.effectiveFrom')}
              rules={[{ required: true, message: t('visits.policy.effectiveFrom') }]}
              style={{ marginBottom: 0 }}
            >
              <DatePicker allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
            </Form.Item>
          </Card>
        </Space>
      </Form>
    </Modal>
  );
}
