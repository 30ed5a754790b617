import type { FastifyRequest } from 'fastify';
import type { Locale } from '../contract/errors.ts';

/** The caller's language: the `lang` cookie, then Accept-Language; zh-CN by default. */
export function requestLocale(req: FastifyRequest): Locale {
  const cookie = (req.cookies as Record<string, string | undefined> | undefined)?.lang;
  if (cookie === 'en-US' || cookie === 'zh-CN') return cookie;
  const header = req.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}

/**
 * Names in the order of Chinese dictionaries (pinyin): one collator made once, since a
 * `localeCompare(…, 'zh-CN')` in a sort builds one per comparison.
 */
export const compareChineseNames = new Intl.Collator('zh-CN').compare;
