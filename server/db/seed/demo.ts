import { count } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../client.ts';
import { hashPassword } from '../../platform/access/password.ts';
import { audit } from '../../platform/audit/audit.ts';
import type { Role } from '../../platform/contract/common.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';
import { maskPhone } from '../../platform/sensitive/sensitive.ts';
import { divisions } from '../../modules/divisions/tables.ts';
import { organisations } from '../../modules/organisations/tables.ts';
import { users } from '../../modules/users/tables.ts';
import { seedDemoSubjects } from './demo-subjects.ts';
import { seedDemoLocations } from './demo-locations.ts';
import { seedDemoVisits } from './demo-visits.ts';
import { dadongStreets, demoDistrict, demoDivisions } from './divisions.ts';

export const DEMO_PASSWORD = 'Demo@2025';

export type DemoAccount = { username: string; displayName: string; role: Role; note: string };

/** The demo accounts that outside acceptance checks use: keep their names, roles and scopes. */
export const demoAccounts: (DemoAccount & {
  divisionCode: string | null;
  organisation?: string;
})[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    divisionCode: null,
    note: '系统管理员',
  },
  {
    username: 'dadong',
    displayName: '大东区民政局 李华',
    role: 'district_officer',
    divisionCode: '210104000000',
    organisation: 'bureau',
    note: '区民政局，大东区全部',
  },
  {
    username: 'dabei',
    displayName: '大北街道 王芳',
    role: 'street_officer',
    divisionCode: '210104002000',
    organisation: 'street:210104002000',
    note: '大北街道',
  },
  {
    username: 'wanquan',
    displayName: '万泉街道 赵强',
    role: 'street_officer',
    divisionCode: '210104003000',
    organisation: 'street:210104003000',
    note: '万泉街道',
  },
  {
    username: 'community1',
    displayName: '社区工作者 刘敏',
    role: 'community_worker',
    divisionCode: '210104002001',
    organisation: 'community:210104002001',
    note: '大北街道第一个社区',
  },
  {
    username: 'org1',
    displayName: '服务机构管理员 陈静',
    role: 'org_admin',
    divisionCode: '210104000000',
    organisation: 'service',
    note: '示范服务机构管理员',
  },
  {
    username: 'visitor1',
    displayName: '探访员 张伟',
    role: 'visitor',
    divisionCode: '210104002000',
    organisation: 'service',
    note: '示范服务机构探访员，大北街道',
  },
];

export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Seeds the demo district in one transaction: divisions, organisations and the demo accounts. */
export async function seedDemoData(
  db: Db,
  config: Pick<Config, 'passwordIterations' | 'visits' | 'ability' | 'roster'>,
  sensitive: SensitiveCipher,
): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD, config.passwordIterations);
  const at = new Date();
  await db.transaction(async (tx) => {
    await tx.insert(divisions).values(demoDivisions().map((d) => ({ ...d, isDemo: true })));

    const orgRows = [
      {
        key: 'bureau',
        kind: 'district_bureau' as const,
        name: '大东区民政局',
        divisionCode: demoDistrict.code,
      },
      ...dadongStreets.map((s) => ({
        key: `street:${s.code}`,
        kind: 'street_office' as const,
        name: `${s.name}办事处`,
        divisionCode: s.code,
      })),
      ...demoDivisions()
        .filter((d) => d.level === 'community')
        .map((d) => ({
          key: `community:${d.code}`,
          kind: 'community' as const,
          name: `${d.name}居民委员会`,
          divisionCode: d.code,
        })),
      {
        key: 'service',
        kind: 'service_org' as const,
        name: '大东区乐龄社会工作服务中心（示范）',
        divisionCode: demoDistrict.code,
      },
      {
        key: 'provider',
        kind: 'provider' as const,
        name: '康泰居家养老服务有限公司（示范）',
        divisionCode: demoDistrict.code,
      },
      {
        key: 'institution',
        kind: 'institution' as const,
        name: '大东区颐养院（示范）',
        divisionCode: '210104002000',
      },
    ];
    const inserted = await tx
      .insert(organisations)
      .values(orgRows.map(({ key: _key, ...o }) => ({ ...o, isDemo: true })))
      .returning({ id: organisations.id, name: organisations.name });
    const orgId = new Map(orgRows.map((o, i) => [o.key, inserted[i]?.id]));

    const created = await tx
      .insert(users)
      .values(
        demoAccounts.map((a, i) => {
          const phone = `1390000${String(i + 1).padStart(4, '0')}`;
          return {
            username: a.username,
            displayName: a.displayName,
            role: a.role,
            divisionCode: a.divisionCode,
            organisationId: a.organisation ? (orgId.get(a.organisation) ?? null) : null,
            passwordHash,
            phoneCipher: sensitive.encrypt(phone),
            phoneHash: sensitive.lookupHash(phone),
            phoneMasked: maskPhone(phone),
            isDemo: true,
          };
        }),
      )
      .returning({ id: users.id });
    const roster = await seedDemoSubjects(
      tx,
      sensitive,
      dadongStreets.map((s) => s.code),
      demoDivisions()
        .filter((d) => d.level === 'community')
        .map((d) => d.code),
      at,
    );
    const demoUsers = new Map(
      demoAccounts.map((a, i) => [
        a.username,
        {
          id: created[i]?.id as string,
          username: a.username,
          role: a.role,
          divisionCode: a.divisionCode,
        },
      ]),
    );
    const visited = await seedDemoVisits(tx, sensitive, demoUsers, at);
    const located = await seedDemoLocations(tx, config, sensitive, demoUsers, at);
    await audit(
      tx,
      { username: 'system' },
      {
        action: 'system.seed_demo',
        detail: {
          users: created.length,
          organisations: inserted.length,
          ...roster,
          ...visited,
          households: located,
        },
      },
    );
  });
}
