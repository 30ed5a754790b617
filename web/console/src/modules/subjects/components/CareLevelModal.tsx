import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { careLevels, type CareLevel } from '../../../../../../server/modules/subjects/contract.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { careLevelKeys } from '../../care-levels/api.ts';
import { useSetCareLevel, useSubject } from '../api.ts';
import { CareLevelTag } from '../labels.tsx';
import { FormError } from '../../../lib/FormError.tsx';

type Values = { level: CareLevel; reason: string };

/**
 * PUT /api/subjects/:id/care-level with a reason and the version of the file read, so a change made
 * meanwhile by someone else is refused rather than overwritten. The server keeps the floor rules
 * (a disabled elder is at least 重点探访) and says so in its message.
 */
export function CareLevelModal(props: {
  subjectId: string;
  name: string;
  onClose: () => void;
  /** The level the rules suggest, to start from (建议等级 → 按建议调整). */
  suggested?: { level: CareLevel; reason: string | null };
}) {
  const { subjectId, name, onClose, suggested } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const subject = useSubject(subjectId);
  const setLevel = useSetCareLevel();
  const queryClient = useQueryClient();
  const current = subject.data;

  const submit = async (v: Values) => {
    if (!current) return;
    setError(null);
    try {
      await setLevel.mutateAsync({
        id: subjectId,
        body: { level: v.level, reason: v.reason, version: current.version },
      });
      void queryClient.invalidateQueries({ queryKey: careLevelKeys.suggestion(subjectId) });
      void message.success(t('households.careLevelSet'));
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, ['level', 'reason']));
    }
  };

  return (
    <Modal
      open
      title={t('households.setCareLevelTitle', { name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !current }}
      confirmLoading={setLevel.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {subject.isError && <Alert type="error" showIcon title={errorMessage(subject.error)} />}
      {subject.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
      {current && (
        <>
          <FormError message={error} testId="care-level-error" />
          <Form
            form={form}
            layout="vertical"
            initialValues={
              suggested
                ? {
                    level: suggested.level,
                    reason: suggested.reason
                      ? t('suggestion.changeReason', { reason: suggested.reason })
                      : undefined,
                  }
                : { level: current.careLevel }
            }
            onFinish={(v) => void submit(v)}
            onValuesChange={() => setError(null)}
          >
            <Form.Item label={t('households.currentLevel')}>
              <CareLevelTag level={current.careLevel} />
            </Form.Item>
            <Form.Item
              name="level"
              label={t('households.newLevel')}
              rules={[
                {
                  required: true,
                  message: t('common.requiredChoice', { field: t('households.newLevel') }),
                },
              ]}
            >
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={careLevels.map((l) => ({
                  value: l,
                  label: t(`subjects.careLevels.${l}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('households.changeReason')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  min: 2,
                  message: t('households.changeReasonHint'),
                },
              ]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
