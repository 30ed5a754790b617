import type { DivisionLevel } from '../../platform/contract/divisions.ts';
import type { Role } from '../../platform/contract/common.ts';
import type { OrganisationKind } from '../organisations/contract.ts';

/** What scope each role needs: a division of some levels, an organisation of some kinds. */
export type RoleScopeRule = {
  divisionLevels: DivisionLevel[] | null;
  divisionRequired: boolean;
  organisationKinds: OrganisationKind[] | null;
};

const field: RoleScopeRule = {
  divisionLevels: ['district', 'street', 'community'],
  divisionRequired: true,
  organisationKinds: ['service_org'],
};

export const roleScopeRules: Record<Role, RoleScopeRule> = {
  admin: { divisionLevels: null, divisionRequired: false, organisationKinds: null },
  district_admin: { divisionLevels: ['district'], divisionRequired: true, organisationKinds: null },
  district_officer: {
    divisionLevels: ['district'],
    divisionRequired: true,
    organisationKinds: null,
  },
  street_officer: { divisionLevels: ['street'], divisionRequired: true, organisationKinds: null },
  community_worker: {
    divisionLevels: ['community'],
    divisionRequired: true,
    organisationKinds: null,
  },
  org_admin: field,
  visitor: field,
  operator: field,
  reviewer: field,
  provider_admin: {
    divisionLevels: ['district', 'street'],
    divisionRequired: false,
    organisationKinds: ['provider'],
  },
  provider_staff: {
    divisionLevels: ['district', 'street', 'community'],
    divisionRequired: false,
    organisationKinds: ['provider'],
  },
  institution_admin: {
    divisionLevels: ['district', 'street', 'community'],
    divisionRequired: false,
    organisationKinds: ['institution'],
  },
  elder: { divisionLevels: ['community'], divisionRequired: true, organisationKinds: null },
};

const serviceOrgRoles: Role[] = ['org_admin', 'visitor', 'operator', 'reviewer'];

/** Which roles an actor of a role may grant. */
export function assignableRoles(actorRole: Role): Role[] {
  switch (actorRole) {
    case 'admin':
      return Object.keys(roleScopeRules) as Role[];
    case 'district_admin':
      return (Object.keys(roleScopeRules) as Role[]).filter((r) => r !== 'admin');
    case 'org_admin':
      return serviceOrgRoles;
    default:
      return [];
  }
}
