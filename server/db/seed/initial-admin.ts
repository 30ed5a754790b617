import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import { hashPassword } from '../../platform/access/password.ts';
import { audit } from '../../platform/audit/audit.ts';
import { users } from '../../modules/users/tables.ts';
import type { Db } from '../client.ts';

/**
 * Without demo data, an empty database gets one system administrator with a random password that is
 * printed once, so that a real installation has no default password (security.md row 1): sign in,
 * change it, create the division tree and the other accounts.
 */
export async function createInitialAdmin(
  db: Db,
  config: Pick<Config, 'passwordIterations'>,
): Promise<{ username: string; password: string }> {
  // Four character classes, 20 characters: meets any configured policy.
  const password = `Ga#${randomBytes(12).toString('base64url')}9z`;
  const passwordHash = await hashPassword(password, config.passwordIterations);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ username: 'admin', displayName: '系统管理员', role: 'admin', passwordHash })
      .returning({ id: users.id });
    await audit(
      tx,
      { username: 'system' },
      {
        action: 'user.create',
        entity: 'user',
        entityId: row?.id,
        detail: { username: 'admin', role: 'admin', initial: true },
      },
    );
  });
  return { username: 'admin', password };
}
