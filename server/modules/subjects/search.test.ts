import { sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { runDataMigrations } from '../../db/data-migrations/run.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { makeSubject, uniqueIdNumber } from '../../test/subject-factories.ts';
import { COUNT_CAP } from './contract.ts';
import { enrolSubjects } from './service.ts';
import { isPinyinPrefix, joinedSpelling, nameKeys, spellingPrefixes } from './names.ts';

/**
 * The search plans of search.ts against the rule they implement: a name matches a text of
 * characters that it begins with, and letters that begin its initials or its pinyin; pages are in
 * pinyin order, syllable by syllable (陈 chen before 程 cheng whatever follows), then by the
 * characters. The names share initials, spellings, syllables and first characters on purpose.
 */
// prettier-ignore
const pool = ['张三', '张三', '张华', '张华明', '张伟', '张伟明', '章山', '赵森', '周山', '周帅', '朱珊珊',
  '吕秀英', '吕秀', '女娲', '王秀英', '王秀兰', '汪秀', '王修', '王', '李淑珍', '李淑', '黎书', '刘桂兰',
  '柳贵', '单田芳', '曾志伟', '欧阳娜娜', '安然', '艾青', '陈玉', '程宇', '沈阳', '史云', '陈志', '程安', '陈',
  '成', '西安', '先', '西阿娜', '冼安然'];

let t: TestApp;
let districtOfficer: Session;
let officer: Session;
let worker: Session;
type Made = { id: string; name: string; syllables: string[]; elsewhere: boolean };
const made: Made[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const street = (await makeStreet(t.db)).code;
  const community = (await makeCommunity(t.db, { streetCode: street })).code;
  const other = (await makeCommunity(t.db, { streetCode: street })).code;
  districtOfficer = await actorsFor(t).asDistrictOfficer(`${street.slice(0, 6)}000000`);
  officer = await actorsFor(t).asStreetOfficer(street);
  worker = await actorsFor(t).asCommunityWorker(community);
  for (const [i, name] of pool.entries()) {
    const elsewhere = i % 3 === 0;
    const s = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: elsewhere ? other : community,
      name,
    });
    made.push({ id: s.id, name, syllables: syllablesOf(name), elsewhere });
  }
});
afterAll(async () => {
  await t?.close();
});

/** A name's syllables, as pinyin-pro reads them (no tones, ü as v). */
const syllablesOf = (name: string) =>
  pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true }).map((p) =>
    p.toLowerCase(),
  );

/** Syllable by syllable; a name whose syllables begin another's comes first. */
function bySyllables(a: string[], b: string[]): number {
  for (const [i, x] of a.entries()) {
    const y = b[i];
    if (y === undefined) return 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The rule, written plainly. */
function expected(q: string, inCommunity: boolean): Made[] {
  const text = q.normalize('NFKC').trim();
  const letters = /^[a-z]+$/i.test(text) ? text.toLowerCase() : null;
  return made
    .filter((m) => !inCommunity || !m.elsewhere)
    .filter((m) => {
      if (!letters) return m.name.startsWith(text);
      const initials = nameKeys(m.name).nameInitials;
      return initials.startsWith(letters) || m.syllables.join('').startsWith(letters);
    })
    .sort(
      (a, b) =>
        bySyllables(a.syllables, b.syllables) || byText(a.name, b.name) || byText(a.id, b.id),
    );
}

const queries = ['张', '张三', '张华明', '王', '王秀', '吕', 'z', 'zs', 'zh', 'zhang', 'zhangs', 'zsm',
  'lv', 'lvxiu', 'lxy', 'w', 'wx', 'wangxiu', 'ws', 'ls', 'lish', 'ouy', 'oynn', 'a', 'ai', 'an',
  'shan', 'sy', 'c', 'cy', ' 张 ', 'ＺＳ', '欧阳', 'chen', 'cheng', 'chenz', 'ch', 'xian', 'xia', 'xi',
  'xiana', '陈', 'cz']; // prettier-ignore

describe('search plans', () => {
  for (const [who, inCommunity, session] of [
    ['a district officer (walks in pinyin order)', false, () => districtOfficer],
    ['a street officer (characters gathered division by division)', false, () => officer],
    ['a community worker (all gathered, then sorted)', true, () => worker],
  ] as const) {
    it(`page by page, ${who} finds exactly the names the rule matches, in pinyin order`, async () => {
      const as = session();
      for (const q of queries) {
        const want = expected(q, inCommunity);
        const got: string[] = [];
        for (let page = 1; page <= Math.ceil(want.length / 3) + 1; page++) {
          const res = await call(t, as, {
            method: 'GET',
            url: '/api/subjects',
            query: { q, page: String(page), pageSize: '3' },
          });
          expect(res.status, q).toBe(200);
          got.push(...res.body.items.map((s: { id: string }) => s.id));
          // Told by a page that is not full, or counted (a full page, or one past the last).
          expect(res.body.total, `total of q=${q} on page ${page}`).toBe(want.length);
        }
        expect(got, `q=${q}`).toEqual(want.map((m) => m.id));
      }
    });
  }

  it('writes ü as v, as it is typed (吕 lv, 女 nv), and separates the syllables', () => {
    expect(nameKeys('吕秀英')).toEqual({ namePinyin: 'lv xiu ying', nameInitials: 'lxy' });
    expect(joinedSpelling(nameKeys('女娲').namePinyin)).toBe('nvwa');
  });

  it('reads letters as every run of syllables they can begin', () => {
    expect(spellingPrefixes('xian')).toEqual(['xian', 'xi an', 'xi a n', 'xia n']);
    expect(spellingPrefixes('wangx')).toEqual(['wang x']);
    expect(spellingPrefixes('zs')).toEqual([]);
  });

  it('orders 陈 before 程 whatever follows: 陈, 陈志, 成, 程安 (not by the joined spelling)', async () => {
    const street = (await makeStreet(t.db)).code;
    const community = (await makeCommunity(t.db, { streetCode: street })).code;
    for (const name of ['程安', '陈志', '成', '陈'])
      await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community, name });
    const names = async (as: Session) =>
      (
        await call(t, as, { method: 'GET', url: '/api/subjects', query: { pageSize: '20' } })
      ).body.items.map((s: { name: string }) => s.name);
    expect(await names(await actorsFor(t).asCommunityWorker(community))).toEqual([
      '陈',
      '陈志',
      '成',
      '程安',
    ]);
    expect(await names(await actorsFor(t).asStreetOfficer(street))).toEqual([
      '陈',
      '陈志',
      '成',
      '程安',
    ]);
  });

  it('gives the rows stored with the joined spelling their syllable keys (data migration)', async () => {
    const street = (await makeStreet(t.db)).code;
    const community = (await makeCommunity(t.db, { streetCode: street })).code;
    const stored = [];
    for (const name of ['程安', '陈志', '欧阳娜娜'])
      stored.push(await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community, name }));
    // As the keys were written before: the spelling joined.
    await t.db.execute(
      sql`update subjects set name_pinyin = replace(name_pinyin, ' ', '') where division_code = ${community}`,
    );
    await t.db.execute(
      sql`delete from data_migrations where id = '0001_subject_name_pinyin_syllables'`,
    );
    expect(await runDataMigrations(t.db)).toEqual(['0001_subject_name_pinyin_syllables']);
    const keys = await rows<{ name: string; name_pinyin: string }>(
      t.db,
      sql`select name, name_pinyin from subjects where division_code = ${community} order by name_pinyin`,
    );
    expect(keys).toEqual([
      { name: '陈志', name_pinyin: 'chen zhi' },
      { name: '程安', name_pinyin: 'cheng an' },
      { name: '欧阳娜娜', name_pinyin: 'ou yang na na' },
    ]);
    // Once: a second start leaves the keys alone.
    expect(await runDataMigrations(t.db)).toEqual([]);
  });

  it('tells letters that can begin a pinyin spelling from initials only', () => {
    for (const q of ['zh', 'zhang', 'zhangs', 'wangx', 'lv', 'a', 'ouy', 'er'])
      expect(isPinyinPrefix(q), q).toBe(true);
    for (const q of ['zs', 'lgl', 'ly', 'wxy', 'cgh', 'oynn'])
      expect(isPinyinPrefix(q), q).toBe(false);
  });

  it(`counts up to ${COUNT_CAP.wide} over a street (more are still paged), a community's whole roster`, async () => {
    const street = (await makeStreet(t.db)).code;
    const community = (await makeCommunity(t.db, { streetCode: street })).code;
    const many = COUNT_CAP.wide + 1;
    await enrolSubjects(
      { db: t.db, sensitive: t.ctx.sensitive, actor: null, now: new Date() },
      Array.from({ length: many }, (_, i) => {
        const idNumber = uniqueIdNumber();
        return {
          kind: 'elder' as const,
          name: `柯${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`,
          idNumber,
          sex: 'female' as const,
          birthDate: '1942-03-15',
          mobile: null,
          landline: null,
          consent: 'given' as const,
          careLevel: 'regular' as const,
          careLevelReason: '初次建档',
          categories: [],
          household: { key: idNumber, divisionCode: community, address: '测试路1号' },
          contacts: [],
          healthNotes: null,
        };
      }),
    );
    const list = (as: Session, page: number) =>
      call(t, as, {
        method: 'GET',
        url: '/api/subjects',
        query: { q: '柯', page: String(page), pageSize: '20' },
      });
    const streetOfficer = await actorsFor(t).asStreetOfficer(street);
    const first = await list(streetOfficer, 1);
    expect(first.body).toMatchObject({ total: COUNT_CAP.wide, totalCapped: true });
    const last = await list(streetOfficer, Math.ceil(many / 20));
    expect(last.body.items).toHaveLength(many % 20 || 20);
    const communityWorker = await actorsFor(t).asCommunityWorker(community);
    expect((await list(communityWorker, 1)).body).toMatchObject({
      total: many,
      totalCapped: false,
    });
  });
});
