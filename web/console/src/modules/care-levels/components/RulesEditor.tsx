import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Tooltip } from 'antd';
import type { FormInstance, SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  careLevels,
  subjectKinds,
  type SubjectKind,
} from '../../../../../../server/modules/subjects/contract.ts';
import { isApiError } from '../../../../../shared/api.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { childCategories, elderCategories } from '../../subjects/labels.tsx';
import { useReplaceCareLevelRules, type Rule } from '../api.ts';
import { useReasonText } from '../reasons.ts';
import { useCategoryName } from './RulesTable.tsx';
import { FormError } from '../../../lib/FormError.tsx';

const ANY = 'any';
type FormRule = Omit<Rule, 'kind'> & { kind: SubjectKind | typeof ANY };
type Values = { rules: FormRule[] };

const fromForm = (r: FormRule): Rule => ({
  ...r,
  kind: r.kind === ANY ? null : r.kind,
  minAge: r.minAge ?? null,
  categoriesAll: r.categoriesAll ?? [],
  categoriesAny: r.categoriesAny ?? [],
  reasonCode: r.reasonCode ?? null,
});
const blank: FormRule = {
  level: 'key',
  kind: 'elder',
  minAge: null,
  categoriesAll: [],
  categoriesAny: [],
  reason: '',
  reasonCode: null,
};

/** The server's field errors (`rules.3.reason`) beside their fields; the rest as one message. */
function placeErrors(form: FormInstance<Values>, err: unknown): string | null {
  if (!isApiError(err) || err.fields.length === 0) return errorMessage(err);
  const rest: string[] = [];
  for (const f of err.fields) {
    const m = /(?:^|\.)rules\.(\d+)\.(\w+)/.exec(f.field);
    if (m) form.setFields([{ name: ['rules', Number(m[1]), m[2]] as never, errors: [f.message] }]);
    else rest.push(f.code === err.code ? err.message : f.message);
  }
  return rest.length ? rest.join('；') : null;
}

/** One rule's controls; the categories offered follow the rule's kind. */
function RuleFields(props: { form: FormInstance<Values>; name: number }) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const kind = Form.useWatch(['rules', props.name, 'kind'], props.form) as FormRule['kind'];
  const options = (k: SubjectKind) =>
    (k === 'elder' ? elderCategories : childCategories).map((c) => ({
      value: c,
      label: categoryName(k, c),
    }));
  const categoryOptions: SelectProps['options'] =
    kind === ANY || !kind
      ? subjectKinds.map((k) => ({ label: t(`subjects.kinds.${k}`), options: options(k) }))
      : options(kind);
  const categories = (field: 'categoriesAll' | 'categoriesAny') => (
    <Form.Item name={[props.name, field]} label={t(`careRules.${field}`)} style={{ margin: 0 }}>
      <Select
        mode="multiple"
        allowClear
        options={categoryOptions}
        placeholder={t('careRules.none')}
        style={{ width: 260 }}
        data-testid={`rule-${field}`}
      />
    </Form.Item>
  );
  return (
    <Space wrap size={[16, 8]} align="start">
      <Form.Item
        name={[props.name, 'level']}
        label={t('careRules.level')}
        rules={[{ required: true, message: t('careRules.levelRequired') }]}
        style={{ margin: 0 }}
      >
        <Select
          options={careLevels.map((l) => ({ value: l, label: t(`subjects.careLevels.${l}`) }))}
          style={{ width: 120 }}
          data-testid="rule-level"
        />
      </Form.Item>
      <Form.Item name={[props.name, 'kind']} label={t('careRules.kind')} style={{ margin: 0 }}>
        <Select
          options={[
            { value: ANY, label: t('careRules.anyKind') },
            ...subjectKinds.map((k) => ({ value: k, label: t(`subjects.kinds.${k}`) })),
          ]}
          style={{ width: 100 }}
          data-testid="rule-kind"
        />
      </Form.Item>
      <Form.Item name={[props.name, 'minAge']} label={t('careRules.minAge')} style={{ margin: 0 }}>
        <InputNumber<number>
          min={0}
          max={130}
          precision={0}
          placeholder={t('careRules.none')}
          style={{ width: 90 }}
        />
      </Form.Item>
      {categories('categoriesAll')}
      {categories('categoriesAny')}
      <Form.Item name={[props.name, 'reasonCode']} hidden>
        <Input />
      </Form.Item>
      <Form.Item
        name={[props.name, 'reason']}
        label={t('careRules.reason')}
        rules={[
          {
            required: true,
            whitespace: true,
            min: 2,
            max: 100,
            message: t('careRules.reasonHint'),
          },
        ]}
        style={{ margin: 0 }}
      >
        <Input maxLength={100} style={{ width: 420 }} data-testid="rule-reason" />
      </Form.Item>
    </Space>
  );
}

/**
 * Editing the rules: rows added, removed and put in order, then PUT /api/care-level-rules (a new
 * version from today, made from `baseVersion`; at least one rule). A default rule's reason shows in
 * the user's language and keeps its code while it is left as it is. The server's errors are shown
 * where they belong.
 */
export function RulesEditor(props: {
  rules: Rule[];
  baseVersion: number | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reasonText = useReasonText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const replace = useReplaceCareLevelRules();
  const toForm = (r: Rule): FormRule => ({
    ...r,
    kind: r.kind ?? ANY,
    reason: reasonText(r) ?? r.reason,
  });

  const save = async (rules: Rule[]) => {
    setError(null);
    try {
      await replace.mutateAsync({ rules, baseVersion: props.baseVersion });
      void message.success(t('careRules.saved'));
      props.onDone();
    } catch (err) {
      setError(placeErrors(form, err));
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ rules: props.rules.map(toForm) }}
      onFinish={(v) => void save((v.rules ?? []).map(fromForm))}
      onValuesChange={() => setError(null)}
      data-testid="rules-editor"
    >
      <FormError message={error} testId="rules-error" />
      <Form.List name="rules">
        {(fields, { add, remove, move }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.length === 0 && <Alert type="info" showIcon title={t('careRules.empty')} />}
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                title={`${t('careRules.order')} ${i + 1}`}
                data-testid="rule-row"
                extra={
                  <Space size={0}>
                    <Tooltip title={t('careRules.moveUp')}>
                      <Button
                        type="text"
                        icon={<ArrowUpOutlined />}
                        disabled={i === 0}
                        onClick={() => move(i, i - 1)}
                        aria-label={t('careRules.moveUp')}
                      />
                    </Tooltip>
                    <Tooltip title={t('careRules.moveDown')}>
                      <Button
                        type="text"
                        icon={<ArrowDownOutlined />}
                        disabled={i === fields.length - 1}
                        onClick={() => move(i, i + 1)}
                        aria-label={t('careRules.moveDown')}
                      />
                    </Tooltip>
                    <Tooltip title={t('careRules.remove')}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('careRules.remove')}
                      />
                    </Tooltip>
                  </Space>
                }
              >
                <RuleFields form={form} name={field.name} />
              </Card>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ ...blank })}>
              {t('careRules.add')}
            </Button>
          </Space>
        )}
      </Form.List>
      <Space style={{ marginTop: 16 }}>
        <Button onClick={props.onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={replace.isPending}>
          {t('careRules.save')}
        </Button>
      </Space>
    </Form>
  );
}
