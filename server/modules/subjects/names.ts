import { pinyin } from 'pinyin-pro';

/** What separates the syllables of a sort key: below every letter and digit (the column is `COLLATE "C"`). */
export const SYLLABLE_SEPARATOR = ' ';

/**
 * Pinyin keys of a person's name. The sort key (PGlite has no zh collation) is the pinyin without
 * tones, syllable by syllable with a separator that sorts below letters, so that names compare by
 * syllables: 陈 chen before 程 cheng whatever follows (陈志 `chen zhi` before 程安 `cheng an`, which
 * the joined spelling `chenzhi` > `chengan` got wrong); the characters then break ties. The
 * initials serve searches such as "zs" for 张三. Surnames read as surnames (曾 zeng, 单 shan); ü is
 * written v, as it is typed (吕 lv).
 */
export function nameKeys(name: string): { namePinyin: string; nameInitials: string } {
  const options = { toneType: 'none', type: 'array', surname: 'head', v: true } as const;
  const clean = (part: string) => part.toLowerCase().replace(/[^a-z0-9]/g, '');
  return {
    namePinyin: pinyin(name, options).map(clean).filter(Boolean).join(SYLLABLE_SEPARATOR),
    nameInitials: pinyin(name, { ...options, pattern: 'first' })
      .map(clean)
      .join(''),
  };
}

/** The spelling of a sort key, its syllables joined (what a search by pinyin matches). */
export const joinedSpelling = (namePinyin: string): string =>
  namePinyin.split(SYLLABLE_SEPARATOR).join('');

/** Whether a search text is pinyin (initials or a prefix of the full pinyin) rather than characters. */
export function isPinyinQuery(q: string): boolean {
  return /^[a-z]+$/i.test(q);
}

// Every spelling of a Mandarin syllable is an initial and a final (a few combinations that do not
// exist are allowed: the check only decides whether a search may be a spelling).
// prettier-ignore
const initials = ['', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'zh', 'ch', 'sh', 'r', 'z', 'c', 's', 'y', 'w'];
// prettier-ignore
const finals = ['a', 'o', 'e', 'i', 'u', 'v', 'ai', 'ei', 'ui', 'ao', 'ou', 'iu', 'ie', 'ue', 've', 'er', 'an', 'en', 'in', 'un', 'vn', 'ang', 'eng', 'ing', 'ong', 'ia', 'ua', 'uo', 'uai', 'iao', 'ian', 'uan', 'van', 'iang', 'uang', 'iong'];
const syllables = initials.flatMap((i) => finals.map((f) => i + f));
const syllablePrefixes = new Set(syllables.flatMap((s) => [...s].map((_, n) => s.slice(0, n + 1))));

/** At most this many readings of a search's letters (a real one has one to three). */
const MAX_READINGS = 16;

/**
 * The sort-key prefixes that lowercase letters can spell: each reading of the letters as whole
 * syllables and, last, the beginning of one ("wangx" is `wang x`; "xian" is `xian`, `xi an`, `xi a n`
 * and `xia n`). A name whose joined spelling begins with the letters has a sort key that begins with
 * exactly one of them (two readings differ where one has a separator and the other a letter).
 */
export function spellingPrefixes(letters: string): string[] {
  const found: string[] = [];
  const walk = (at: number, read: string[]) => {
    if (found.length >= MAX_READINGS) return;
    const rest = letters.slice(at);
    if (syllablePrefixes.has(rest)) found.push([...read, rest].join(SYLLABLE_SEPARATOR));
    for (const s of syllables)
      if (s.length < rest.length && rest.startsWith(s)) walk(at + s.length, [...read, s]);
  };
  if (letters) walk(0, []);
  return found;
}

/** Whether lowercase letters can begin a full pinyin spelling ("zh", "wangx"; not "zs" or "lgl"). */
export function isPinyinPrefix(letters: string): boolean {
  return spellingPrefixes(letters).length > 0;
}
