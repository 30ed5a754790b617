import type { Role } from '../contract/common.ts';
import { permissionCatalogue, type Permission } from '../contract/permissions.ts';

export function isPermission(name: string): name is Permission {
  return Object.hasOwn(permissionCatalogue, name);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(permissionCatalogue) as Permission[]).filter((p) =>
    (permissionCatalogue[p] as Role[]).includes(role),
  );
}
