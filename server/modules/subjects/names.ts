import { pinyin } from 'pinyin-pro';

/**
 * Pinyin keys of a person's name: the full pinyin without tones is the sort key (PGlite has no
 * zh collation), the initials serve searches such as "zs" for 张三. Surnames read as surnames
 * (曾 zeng, 单 shan).
 */
export function nameKeys(name: string): { namePinyin: string; nameInitials: string } {
  const options = { toneType: 'none', type: 'array', surname: 'head' } as const;
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
