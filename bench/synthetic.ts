import { sql } from 'drizzle-orm';
import type { Db } from '../server/db/client.ts';

/**
 * City-scale synthetic accounts: the 13 districts of Shenyang with 12 streets and 20 communities each,
 * and `count` users spread over them (raw multi-row inserts, as imports do).
 */
export async function seedSyntheticCity(
  db: Db,
  count: number,
): Promise<{ users: number; inScope: number }> {
  const districts = [
    '210102',
    '210103',
    '210105',
    '210106',
    '210111',
    '210112',
    '210113',
    '210114',
    '210115',
    '210123',
    '210124',
    '210181',
  ];
  const divisionRows: string[] = [];
  for (const d of districts) {
    divisionRows.push(`('${d}000000','210100000000','district','区${d}')`);
    for (let s = 1; s <= 12; s++) {
      const street = `${d}${String(s).padStart(3, '0')}`;
      divisionRows.push(`('${street}000','${d}000000','street','街道${street}')`);
      for (let c = 1; c <= 20; c++)
        divisionRows.push(
          `('${street}${String(c).padStart(3, '0')}','${street}000','community','社区${c}')`,
        );
    }
  }
  await db.execute(
    sql.raw(
      `insert into divisions (code, parent_code, level, name) values ${divisionRows.join(',')} on conflict do nothing`,
    ),
  );
  const communities = divisionRows
    .filter((r) => r.includes("'community'"))
    .map((r) => r.slice(2, 14));
  const hash = 'pbkdf2-sm3$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  for (let start = 0; start < count; start += 5000) {
    const values: string[] = [];
    for (let i = start; i < Math.min(count, start + 5000); i++) {
      // One in five in Dadong, the rest across the city.
      const division =
        i % 5 === 0
          ? `210104${['002', '003', '006'][i % 3]}00${(i % 5) + 1}`
          : (communities[i % communities.length] ?? '210104002001');
      values.push(`('synth${i}','合成用户${i}','community_worker','${division}','${hash}')`);
    }
    await db.execute(
      sql.raw(
        `insert into users (username, display_name, role, division_code, password_hash) values ${values.join(',')}`,
      ),
    );
  }
  return { users: count, inScope: Math.ceil(count / 5) };
}
