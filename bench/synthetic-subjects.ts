import type pg from 'pg';
import { makeIdNumber } from '../server/platform/contract/id-number.ts';
import {
  maskAddress,
  maskIdNumber,
  maskPhone,
  type SensitiveCipher,
} from '../server/platform/sensitive/sensitive.ts';
import type { CareLevel, SubjectKind } from '../server/modules/subjects/contract.ts';
import { nameKeys } from '../server/modules/subjects/names.ts';
import { careLevelFloor, isBelow } from '../server/modules/subjects/service.ts';
import { seededRandom } from '../server/db/seed/seeded-random.ts';

/**
 * A city's roster of synthetic subjects, loaded fast: every district gets the same share, spread
 * unevenly over its communities, in households of one or two elders, children, or an elder with a
 * grandchild. Names follow the surname frequencies of the census and the given names of their
 * generation; ID numbers are valid (GB 11643) and unique. As the app fills them: the keyed lookup
 * hashes (ID number, mobile), the masks, the pinyin keys; only the SM4 ciphertexts are one dummy
 * sealed value (encrypting millions of values in JS would take longer than the rest of the fill).
 * The secondary indexes are dropped during the load and rebuilt from their own definitions.
 */

type Rnd = () => number;

/** Surnames with their approximate share per mille (2020 census), a few read differently (单 shan). */
// prettier-ignore
const surnameWeights: [string, number][] = Object.entries({
  王: 71, 李: 71, 张: 68, 刘: 54, 陈: 45, 杨: 31, 赵: 23, 黄: 22, 周: 17, 吴: 17, 徐: 13, 孙: 13,
  胡: 12, 朱: 12, 高: 11, 林: 11, 何: 10, 郭: 10, 马: 10, 罗: 8, 梁: 7, 宋: 7, 郑: 7, 谢: 6, 韩: 6,
  唐: 6, 冯: 6, 于: 5, 董: 5, 肖: 5, 程: 5, 曹: 5, 袁: 5, 邓: 4, 许: 4, 傅: 4, 沈: 4, 曾: 4, 彭: 4,
  吕: 4, 苏: 4, 卢: 4, 蒋: 4, 蔡: 4, 贾: 4, 丁: 3, 魏: 3, 薛: 3, 叶: 3, 阎: 3, 余: 3, 潘: 3, 杜: 3,
  戴: 3, 夏: 3, 钟: 3, 汪: 3, 田: 3, 任: 3, 姜: 3, 范: 2, 方: 2, 石: 2, 姚: 2, 谭: 2, 廖: 2, 邹: 2,
  熊: 2, 金: 2, 陆: 2, 郝: 2, 孔: 2, 白: 2, 崔: 2, 康: 2, 毛: 2, 邱: 2, 秦: 2, 江: 2, 史: 2, 顾: 2,
  侯: 2, 邵: 2, 孟: 2, 龙: 1, 万: 1, 段: 1, 雷: 1, 钱: 1, 汤: 1, 尹: 1, 常: 1, 武: 1, 乔: 1, 贺: 1,
  关: 1, 佟: 1, 齐: 1, 付: 1, 单: 1, 解: 1, 仇: 1,
});
const surnames = surnameWeights.flatMap(([s, w]) => Array<string>(w).fill(s));

/** Given names by generation: first and second characters, most common first, and single ones. */
// prettier-ignore
const givenNames = {
  elderFemale: { first: '秀桂玉淑凤丽春金素翠彩艳月荣兰', second: '英兰珍芝华荣芳云梅琴霞莲娟萍香', single: '敏静丽芳霞红梅英华兰' },
  elderMale: { first: '建国志德永长福振文宝树广玉殿凤庆宏保连', second: '国华明强和顺生山林义军民财福海祥臣发春成', single: '伟勇军明强刚斌杰林涛平华' },
  child: { first: '子浩欣梓雨宇诗俊思佳一铭嘉若梦晨', second: '涵然怡轩桐航琪杰远诺泽萱宇瑶辰睿', single: '杰睿萱瑶琳晨浩轩' },
};

/** Skewed towards the head of the list, as name characters are. */
const skewed = (rnd: Rnd, chars: string) =>
  chars[Math.floor(chars.length * rnd() ** 1.7)] ?? chars[0] ?? '';
const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function personName(rnd: Rnd, surname: string, pool: keyof typeof givenNames): string {
  const g = givenNames[pool];
  const first = skewed(rnd, g.first);
  const second = skewed(rnd, g.second);
  return rnd() < 0.25 || first === second
    ? surname + skewed(rnd, g.single)
    : surname + first + second;
}

// prettier-ignore
const roads = ['北海街', '东顺城街', '津桥路', '长安路', '东望街', '善邻路', '新华路', '和平大街', '文化路', '青年大街', '黄河大街', '北陵大街', '中山路', '太原街', '滨河路', '兴华街'];
/** Where people were born outside the city (address codes of their ID numbers). */
// prettier-ignore
const elsewhere = ['210200', '210300', '211000', '211200', '220100', '230100', '150400', '370200', '130200', '410100'];
// prettier-ignore
const elderCategories = ['living_alone', 'empty_nest', 'left_behind', 'disabled', 'dementia', 'severe_disability', 'family_planning_special', 'dibao', 'tekun_dispersed', 'low_income'];
// prettier-ignore
const childCategories = ['orphan', 'de_facto_unsupported', 'dibao_family', 'disabled', 'seriously_ill', 'left_behind', 'guardianship_deficit'];

/** The columns sent per batch, one array each (unnest on the server). */
class Batch {
  households = { id: [] as string[], division: [] as string[], addressMasked: [] as string[] };
  subjects = {
    id: [] as string[],
    household: [] as string[],
    division: [] as string[],
    kind: [] as string[],
    name: [] as string[],
    pinyin: [] as string[],
    initials: [] as string[],
    idHash: [] as string[],
    idMasked: [] as string[],
    sex: [] as string[],
    birth: [] as string[],
    mobileHash: [] as (string | null)[],
    mobileMasked: [] as (string | null)[],
    consent: [] as string[],
    living: [] as string[],
    careLevel: [] as string[],
    status: [] as string[],
  };
  categories = { subject: [] as string[], category: [] as string[] };
  get size() {
    return this.subjects.id.length;
  }
}

/** One statement for the three tables, so that the server inserts while the next batch is made. */
async function insertBatch(client: pg.PoolClient, b: Batch, dummy: string, at: Date) {
  const h = b.households;
  const s = b.subjects;
  const c = b.categories;
  await client.query(
    `with households_in as (
       insert into households (id, division_code, address_cipher, address_masked, created_at, updated_at)
       select id, d, $1, m, $2, $2 from unnest($3::uuid[], $4::varchar[], $5::text[]) as t(id, d, m)
     ), subjects_in as (
       insert into subjects (id, household_id, division_code, kind, name, name_pinyin, name_initials,
         id_number_cipher, id_number_hash, id_number_masked, sex, birth_date,
         mobile_cipher, mobile_hash, mobile_masked, consent, consent_date, consent_reason,
         living_situation, care_level, care_level_reason, care_level_set_at,
         status, removed_reason, removed_at, created_at, updated_at)
       select id, hh, d, k, n, p, i, $1, ih, im, s, b,
         case when mh is not null then $1 end, mh, mm, c, '2025-01-15',
         case when c = 'refused' then '本人表示暂不需要上门探访' end,
         ls, cl, '2025年首次摸底排查分级', $2,
         st, case when st = 'removed' then '迁出本市' end, case when st = 'removed' then $2::timestamptz end, $2, $2
       from unnest($6::uuid[], $7::uuid[], $8::varchar[], $9::text[], $10::text[], $11::text[], $12::text[],
         $13::text[], $14::text[], $15::text[], $16::date[], $17::text[], $18::text[], $19::text[],
         $20::text[], $21::text[], $22::text[]) as t(id, hh, d, k, n, p, i, ih, im, s, b, mh, mm, c, ls, cl, st)
     )
     insert into subject_categories (subject_id, category, valid_from, source, created_at)
     select s, c, '2025-01-01', 'roster', $2 from unnest($23::uuid[], $24::text[]) as t(s, c)`,
    [
      dummy,
      at,
      h.id,
      h.division,
      h.addressMasked,
      s.id,
      s.household,
      s.division,
      s.kind,
      s.name,
      s.pinyin,
      s.initials,
      s.idHash,
      s.idMasked,
      s.sex,
      s.birth,
      s.mobileHash,
      s.mobileMasked,
      s.consent,
      s.living,
      s.careLevel,
      s.status,
      c.subject,
      c.category,
    ],
  );
}

export type SubjectFill = {
  subjects: number;
  households: number;
  categories: number;
  distinctNames: number;
  /** Seconds of the whole fill, and of its phases. */
  seconds: number;
  phases: Record<string, number>;
  /** ID numbers of active subjects per district code (6 digits), for lookups. */
  idNumbers: Map<string, string[]>;
};

const FILLED_TABLES = ['households', 'subjects', 'subject_categories'];
const BATCH = 20_000;

/** Loads `count` subjects into the communities of the division tree (already in the database). */
export async function fillSubjects(
  pool: pg.Pool,
  sensitive: SensitiveCipher,
  opts: { count: number; seed?: number; at?: Date; log?: (line: string) => void },
): Promise<SubjectFill> {
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  let mark = t0;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = (now - mark) / 1000;
    mark = now;
    opts.log?.(`  ${name}: ${phases[name].toFixed(1)} s`);
  };
  const rnd = seededRandom(opts.seed ?? 20260101);
  const at = opts.at ?? new Date();

  const { rows: divisionRows } = await pool.query<{ code: string; level: string; name: string }>(
    `select code, level, name from divisions where level in ('district', 'community')`,
  );
  const districtNames = new Map(
    divisionRows.filter((d) => d.level === 'district').map((d) => [d.code.slice(0, 6), d.name]),
  );
  const byDistrict = new Map<string, string[]>();
  for (const d of divisionRows.filter((r) => r.level === 'community')) {
    const district = d.code.slice(0, 6);
    byDistrict.set(district, [...(byDistrict.get(district) ?? []), d.code]);
  }
  const districts = [...byDistrict.keys()].sort();
  // Each district the same share, its communities uneven (0.5 to 1.5 of the mean).
  const targets: [string, number][] = [];
  for (const district of districts) {
    const communities = byDistrict.get(district) ?? [];
    const weights = communities.map(() => 0.5 + rnd());
    const sum = weights.reduce((a, w) => a + w, 0);
    communities.forEach((c, i) =>
      targets.push([c, ((weights[i] ?? 1) / sum) * (opts.count / districts.length)]),
    );
  }
  // Imports arrive community by community, in no particular order.
  for (let i = targets.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [targets[i], targets[j]] = [targets[j] as [string, number], targets[i] as [string, number]];
  }

  const existing = new Set(
    (await pool.query<{ h: string }>('select id_number_hash as h from subjects')).rows.map(
      (r) => r.h,
    ),
  );
  const { rows: indexes } = await pool.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
      where schemaname = 'public' and tablename = any($1)
        and indexname not in (select conname from pg_constraint)`,
    [FILLED_TABLES],
  );
  for (const ix of indexes) await pool.query(`drop index ${ix.name}`);
  phase('read divisions, drop secondary indexes');

  const dummy = sensitive.encrypt('synthetic');
  const keys = new Map<string, { namePinyin: string; nameInitials: string }>();
  const sequences = new Map<string, number>();
  const idNumbers = new Map<string, string[]>(districts.map((d) => [d, []]));
  let households = 0;
  let categories = 0;
  let made = 0;

  const clients = [await pool.connect(), await pool.connect()];
  for (const c of clients) {
    // Foreign keys hold by construction; their per-row triggers would double the load time.
    await c.query('set session_replication_role = replica; set synchronous_commit = off');
  }
  const inFlight: (Promise<void> | undefined)[] = [undefined, undefined];
  let sent = 0;
  const flush = async (b: Batch) => {
    const slot = sent++ % clients.length;
    await inFlight[slot];
    const p = insertBatch(clients[slot] as pg.PoolClient, b, dummy, at);
    p.catch(() => undefined); // awaited on the slot's next turn or at the end
    inFlight[slot] = p;
  };

  let batch = new Batch();
  const addSubject = (
    divisionCode: string,
    householdId: string,
    kind: SubjectKind,
    sex: 'male' | 'female',
    name: string,
  ) => {
    const district = divisionCode.slice(0, 6);
    const born =
      kind === 'elder'
        ? `${1965 - Math.floor(36 * rnd() ** 1.4)}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`
        : `${2008 + Math.floor(rnd() * 16)}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
    const r = rnd();
    const address = r < 0.8 ? district : r < 0.9 ? pick(rnd, districts) : pick(rnd, elsewhere);
    const key = `${address}${born}${sex}`;
    let seq = sequences.get(key) ?? Math.floor(rnd() * 100);
    let idNumber = makeIdNumber(address, born, seq, sex);
    let idHash = sensitive.lookupHash(idNumber);
    while (existing.has(idHash)) {
      seq += 1;
      idNumber = makeIdNumber(address, born, seq, sex);
      idHash = sensitive.lookupHash(idNumber);
    }
    sequences.set(key, seq + 1);
    if (seq >= 500) throw new Error(`more than 500 ID numbers for ${key}`);

    let nk = keys.get(name);
    if (!nk) keys.set(name, (nk = nameKeys(name)));
    const id = crypto.randomUUID();
    const age = 2026 - Number(born.slice(0, 4));
    const catalogue = kind === 'elder' ? elderCategories : childCategories;
    const cats = [pick(rnd, catalogue)];
    if (rnd() < 0.35) {
      const second = pick(rnd, catalogue);
      if (second !== cats[0]) cats.push(second);
    }
    if (kind === 'elder' && age >= 80) cats.push('advanced_age');
    let level: CareLevel = 'regular';
    if (kind === 'elder' && age >= 80 && cats.includes('living_alone')) level = 'special';
    else if (cats.some((c) => ['disabled', 'dementia', 'severe_disability', 'orphan'].includes(c)))
      level = 'key';
    const floor = careLevelFloor(kind, cats);
    if (isBelow(level, floor)) level = floor;
    const mobile =
      kind === 'elder' && rnd() < 0.6
        ? `13${Math.floor(rnd() * 10)}${pad(Math.floor(rnd() * 1e8), 8)}`
        : null;
    const active = rnd() >= 0.02;

    const s = batch.subjects;
    s.id.push(id);
    s.household.push(householdId);
    s.division.push(divisionCode);
    s.kind.push(kind);
    s.name.push(name);
    s.pinyin.push(nk.namePinyin);
    s.initials.push(nk.nameInitials);
    s.idHash.push(idHash);
    s.idMasked.push(maskIdNumber(idNumber));
    s.sex.push(sex);
    s.birth.push(born);
    s.mobileHash.push(mobile ? sensitive.lookupHash(mobile) : null);
    s.mobileMasked.push(mobile ? maskPhone(mobile) : null);
    s.consent.push(rnd() < 0.04 ? 'refused' : 'given');
    s.living.push(
      kind === 'child'
        ? pick(rnd, ['grandparents', 'relatives', 'parents'])
        : cats.includes('living_alone')
          ? 'alone'
          : pick(rnd, ['spouse', 'children', 'other']),
    );
    s.careLevel.push(level);
    s.status.push(active ? 'active' : 'removed');
    for (const c of cats) {
      batch.categories.subject.push(id);
      batch.categories.category.push(c);
    }
    categories += cats.length;
    made += 1;
    const sample = idNumbers.get(district);
    if (active && sample && sample.length < 20_000 && rnd() < 0.2) sample.push(idNumber);
  };

  for (const [community, target] of targets) {
    const district = community.slice(0, 6);
    const stop = Math.min(opts.count, made + Math.round(target));
    while (made < stop) {
      const householdId = crypto.randomUUID();
      households += 1;
      const h = batch.households;
      h.id.push(householdId);
      h.division.push(community);
      const address = `沈阳市${districtNames.get(district) ?? ''}${pick(rnd, roads)}${1 + Math.floor(rnd() * 300)}号${1 + Math.floor(rnd() * 12)}-${1 + Math.floor(rnd() * 6)}-${1 + Math.floor(rnd() * 4)}`;
      h.addressMasked.push(maskAddress(address));
      const surname = pick(rnd, surnames);
      const r = rnd();
      if (r < 0.88) {
        // One elder, or an elder couple (the wife keeps her surname).
        const sex = rnd() < 0.55 ? 'female' : 'male';
        addSubject(
          community,
          householdId,
          'elder',
          sex,
          personName(rnd, surname, sex === 'female' ? 'elderFemale' : 'elderMale'),
        );
        if (r >= 0.55 && made < stop) {
          const other = sex === 'female' ? 'male' : 'female';
          addSubject(
            community,
            householdId,
            'elder',
            other,
            personName(rnd, pick(rnd, surnames), other === 'female' ? 'elderFemale' : 'elderMale'),
          );
        }
      } else {
        // Children in difficulty (siblings share the surname), some living with a grandparent.
        const withElder = r >= 0.95;
        if (withElder)
          addSubject(
            community,
            householdId,
            'elder',
            'male',
            personName(rnd, surname, 'elderMale'),
          );
        const children = rnd() < 0.2 ? 2 : 1;
        for (let c = 0; c < children && made < stop; c++) {
          const sex = rnd() < 0.5 ? 'female' : 'male';
          addSubject(community, householdId, 'child', sex, personName(rnd, surname, 'child'));
        }
      }
      if (batch.size >= BATCH) {
        await flush(batch);
        batch = new Batch();
      }
    }
  }
  if (batch.size > 0) await flush(batch);
  await Promise.all(inFlight);
  for (const c of clients) {
    await c.query('reset session_replication_role; reset synchronous_commit');
    c.release();
  }
  phase(`generate and insert ${made} subjects in ${households} households`);

  const builder = await pool.connect();
  try {
    await builder.query(`set maintenance_work_mem = '1GB'`);
    for (const ix of indexes) await builder.query(ix.def);
  } finally {
    builder.release();
  }
  phase(`rebuild ${indexes.length} indexes`);
  await pool.query(`vacuum (analyze) ${FILLED_TABLES.join(', ')}`);
  phase('vacuum analyze');

  return {
    subjects: made,
    households,
    categories,
    distinctNames: keys.size,
    seconds: (performance.now() - t0) / 1000,
    phases,
    idNumbers,
  };
}
