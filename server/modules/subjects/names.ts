import { pinyin } from 'pinyin-pro';

/**
 * Pinyin keys of a person's name: the full pinyin without tones is the sort key (PGlite has no
 * zh collation), the initials serve searches such as "zs" for 张三. Surnames read as surnames
 * (曾 zeng, 单 shan); ü is written v, as it is typed (吕 lv).
 */
export function nameKeys(name: string): { namePinyin: string; nameInitials: string } {
  const options = { toneType: 'none', type: 'array', surname: 'head', v: true } as const;
  const clean = (parts: string[]) =>
    parts
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return {
    namePinyin: clean(pinyin(name, options)),
    nameInitials: clean(pinyin(name, { ...options, pattern: 'first' })),
  };
}

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

/** Whether lowercase letters can begin a full pinyin spelling ("zh", "wangx"; not "zs" or "lgl"). */
export function isPinyinPrefix(letters: string): boolean {
  const reached = [true];
  for (let at = 0; at < letters.length; at++) {
    if (!reached[at]) continue;
    if (syllablePrefixes.has(letters.slice(at))) return true;
    for (const s of syllables) if (letters.startsWith(s, at)) reached[at + s.length] = true;
  }
  return reached[letters.length] === true;
}
