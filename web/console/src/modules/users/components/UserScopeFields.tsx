import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoleScopeRule } from '../../../../../../server/modules/users/contract.ts';
import { currentLanguage } from '../../../../../shared/i18n.ts';
import { DivisionTreeSelect } from '../../../lib/DivisionTreeSelect.tsx';
import { OrganisationSelect } from '../../../lib/OrganisationSelect.tsx';

/** 区县、街道或社区 / district, street or community */
function orList(words: string[]): string {
  return new Intl.ListFormat(currentLanguage(), { type: 'disjunction' }).format(words);
}

/**
 * The scope fields a role uses (`roleScopeRules`): a division of the levels it allows, required when
 * the rule says so, and an organisation of its kinds. A role without them shows neither.
 */
export function UserScopeFields({
  rule,
  locked,
  currentOrganisation,
}: {
  rule: RoleScopeRule | null;
  /** One's own role and scope are changed by another administrator. */
  locked: boolean;
  currentOrganisation: { id: string; name: string } | null;
}) {
  const { t } = useTranslation();
  if (!rule) return null;
  const levels = rule.divisionLevels?.map((l) => t(`levels.${l}`).toLowerCase()) ?? [];
  const kinds = rule.organisationKinds?.map((k) => t(`orgKinds.${k}`).toLowerCase()) ?? [];

  return (
    <>
      {rule.divisionLevels && (
        <Form.Item
          name="divisionCode"
          label={t('users.division')}
          rules={
            rule.divisionRequired
              ? [
                  {
                    required: true,
                    message: t('common.requiredChoice', { field: t('users.division') }),
                  },
                ]
              : undefined
          }
        >
          <DivisionTreeSelect
            levels={rule.divisionLevels}
            disabled={locked}
            placeholder={t(
              rule.divisionRequired
                ? 'users.divisionPlaceholder'
                : 'users.divisionOptionalPlaceholder',
              { levels: orList(levels) },
            )}
          />
        </Form.Item>
      )}
      {rule.organisationKinds && (
        <Form.Item
          name="organisationId"
          label={t('users.organisation')}
          rules={[
            {
              required: true,
              message: t('common.requiredChoice', { field: t('users.organisation') }),
            },
          ]}
        >
          <OrganisationSelect
            kinds={rule.organisationKinds}
            current={currentOrganisation}
            disabled={locked}
            placeholder={t('users.organisationPlaceholder', { kinds: orList(kinds) })}
          />
        </Form.Item>
      )}
    </>
  );
}
