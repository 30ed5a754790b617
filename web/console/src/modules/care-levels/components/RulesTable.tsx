import { Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CareLevelTag, categoryLabel } from '../../subjects/labels.tsx';
import type { Rule } from '../api.ts';
import { useReasonText } from '../reasons.ts';

/** A category's name: the kind's own when the rule has one, else whichever kind it belongs to. */
export function useCategoryName() {
  const { t } = useTranslation();
  return (kind: Rule['kind'], code: string) => {
    if (kind) return categoryLabel(t, kind, code);
    const elder = categoryLabel(t, 'elder', code);
    return elder !== code ? elder : categoryLabel(t, 'child', code);
  };
}

/** A set of rules (the one in force, or a version of the history), one row each, in their order. */
export function RulesTable({ rules, testId = 'rules-table' }: { rules: Rule[]; testId?: string }) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const reasonText = useReasonText();
  const none = t('careRules.none');
  const tags = (r: Rule, codes: string[]) =>
    codes.length ? (
      <Space size={[0, 4]} wrap>
        {codes.map((c) => (
          <Tag key={c} bordered={false} color={r.kind === 'child' ? 'purple' : 'blue'}>
            {categoryName(r.kind, c)}
          </Tag>
        ))}
      </Space>
    ) : (
      none
    );
  return (
    <Table<Rule & { index: number }>
      size="small"
      bordered
      rowKey="index"
      pagination={false}
      dataSource={rules.map((r, index) => ({ ...r, index }))}
      data-testid={testId}
      columns={[
        {
          title: t('careRules.order'),
          dataIndex: 'index',
          width: 64,
          render: (i: number) => i + 1,
        },
        {
          title: t('careRules.level'),
          dataIndex: 'level',
          width: 110,
          render: (l: Rule['level']) => <CareLevelTag level={l} />,
        },
        {
          title: t('careRules.kind'),
          dataIndex: 'kind',
          width: 100,
          render: (k: Rule['kind']) => (k ? t(`subjects.kinds.${k}`) : t('careRules.anyKind')),
        },
        {
          title: t('careRules.minAge'),
          dataIndex: 'minAge',
          width: 120,
          render: (age: number | null) =>
            age === null ? none : t('careRules.minAgeValue', { age }),
        },
        {
          title: t('careRules.categoriesAll'),
          key: 'all',
          render: (_, r) => tags(r, r.categoriesAll),
        },
        {
          title: t('careRules.categoriesAny'),
          key: 'any',
          render: (_, r) => tags(r, r.categoriesAny),
        },
        { title: t('careRules.reason'), key: 'reason', render: (_, r) => reasonText(r) },
      ]}
    />
  );
}
