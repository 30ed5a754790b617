import { App, Form, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../lib/FormError.tsx';
import { DivisionTreeSelect } from '../../../lib/DivisionTreeSelect.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useAssignSubjects, type VisitorView } from '../api.ts';
import { SubjectPicker } from './SubjectPicker.tsx';

type Values = { by: 'subjects' | 'community'; subjectIds?: string[]; divisionCode?: string };

/** 分配对象: subjects picked by name, or every subject of a community (or grid). POST /api/assignments. */
export function AssignModal({ visitor, onClose }: { visitor: VisitorView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const by = Form.useWatch('by', form) ?? 'subjects';
  const [error, setError] = useState<string | null>(null);
  const assign = useAssignSubjects();

  const submit = async (v: Values) => {
    setError(null);
    try {
      const result = await assign.mutateAsync(
        v.by === 'community'
          ? { visitorId: visitor.id, divisionCode: v.divisionCode }
          : { visitorId: visitor.id, subjectIds: v.subjectIds },
      );
      void message.success(t('visits.visitors.assigned', result));
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, ['subjectIds', 'divisionCode']));
    }
  };

  return (
    <Modal
      open
      title={t('visits.visitors.assignTitle', { name: visitor.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={assign.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ id: 'assign-submit' }}
      destroyOnHidden
      width={560}
    >
      <FormError message={error} testId="assign-error" />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ by: 'subjects' }}
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setError(null)}
      >
        <Form.Item name="by" label={t('visits.visitors.assignBy')}>
          <Radio.Group
            options={[
              { value: 'subjects', label: t('visits.visitors.bySubjects') },
              { value: 'community', label: t('visits.visitors.byCommunity') },
            ]}
          />
        </Form.Item>
        {by === 'subjects' ? (
          <Form.Item
            name="subjectIds"
            label={t('visits.visitors.subjects')}
            rules={[
              {
                required: true,
                message: t('common.requiredChoice', { field: t('visits.visitors.subjects') }),
              },
            ]}
          >
            <SubjectPicker<string[]> mode="multiple" />
          </Form.Item>
        ) : (
          <Form.Item
            name="divisionCode"
            label={t('visits.visitors.community')}
            rules={[
              {
                required: true,
                message: t('common.requiredChoice', { field: t('visits.visitors.community') }),
              },
            ]}
          >
            <DivisionTreeSelect
              levels={['community', 'grid']}
              placeholder={t('visits.visitors.community')}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
