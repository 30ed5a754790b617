import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { can, type Actor } from './actor.ts';
import { isPermission, permissionsOf } from './permissions.ts';
import type { PublishedEvent } from '../events/publish.ts';
import { endpoints, type Endpoint } from '../contract/endpoint.ts';
import {
  permissionCatalogue,
  type Permission,
  type RoutePermission,
} from '../contract/permissions.ts';

/**
 * Permissions are typed from the catalogue: `npm run check` (tsc) fails when a `@ts-expect-error`
 * below stops being an error, i.e. when a misspelt permission would compile again.
 */
describe('permissions typed from the catalogue', () => {
  it('an endpoint, an event and a check name only permissions of the catalogue', () => {
    const map = endpoints({
      list: {
        method: 'GET',
        path: '/api/example',
        summary: 'example',
        permission: 'subject.read',
        scope: 'division',
        response: z.object({}),
      },
    });
    const misspelt: Endpoint = {
      method: 'GET',
      path: '/api/example/typo',
      summary: 'example',
      // @ts-expect-error 'subject.raed' is not a permission of the catalogue
      permission: 'subject.raed',
      scope: 'division',
      response: z.object({}),
    };
    const declared: RoutePermission = map.list.permission;
    expect(isPermission(declared)).toBe(true);
    expect(isPermission(misspelt.permission)).toBe(false);

    // @ts-expect-error an Endpoint's permission is the catalogue's, not any string
    const loose: Endpoint = { ...map.list, permission: 'roster.approve' as string };
    expect(loose.permission).toBe('roster.approve');

    const event: Pick<PublishedEvent, 'permission'> = {
      // @ts-expect-error an event names a permission of the catalogue
      permission: 'roster.reviews',
    };
    expect(isPermission(event.permission)).toBe(false);

    const actor: Actor = {
      userId: 'u',
      username: 'u',
      role: 'street_officer',
      permissions: new Set<Permission>(permissionsOf('street_officer')),
      scope: { divisionCode: null, organisationId: null },
      sessionId: 's',
      ip: '127.0.0.1',
      requestId: 'r',
    };
    expect(can(actor, 'roster.review')).toBe(true);
    // @ts-expect-error can() takes a permission of the catalogue
    expect(can(actor, 'roster.revieww')).toBe(false);
  });

  it('the catalogue names each permission once, in module.verb form', () => {
    for (const name of Object.keys(permissionCatalogue)) expect(name).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });
});
