import { z } from 'zod';
import type { Locale } from '../contract/errors.ts';

type Issue = Parameters<z.core.$ZodErrorMap>[0];

/** Plain messages for the common validation problems; zod's own locale for the rest. */
const plain: Record<Locale, (issue: Issue) => string | undefined> = {
  'zh-CN': (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === null ? '必填' : '类型不正确';
      case 'too_small':
        if (issue.origin === 'string')
          return Number(issue.minimum) <= 1 ? '不能为空' : `至少需要 ${issue.minimum} 个字符`;
        if (issue.origin === 'array') return `至少需要 ${issue.minimum} 项`;
        return `不能小于 ${issue.minimum}`;
      case 'too_big':
        if (issue.origin === 'string') return `不能超过 ${issue.maximum} 个字符`;
        if (issue.origin === 'array') return `不能超过 ${issue.maximum} 项`;
        return `不能大于 ${issue.maximum}`;
      case 'invalid_format':
        return '格式不正确';
      case 'invalid_value':
        return `应为以下之一：${issue.values.map(String).join('、')}`;
      case 'unrecognized_keys':
        return `不支持的字段：${issue.keys.join('、')}`;
      default:
        return undefined;
    }
  },
  'en-US': (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === null
          ? 'is required'
          : 'has the wrong type';
      case 'too_small':
        if (issue.origin === 'string')
          return Number(issue.minimum) <= 1
            ? 'must not be empty'
            : `needs at least ${issue.minimum} characters`;
        if (issue.origin === 'array') return `needs at least ${issue.minimum} items`;
        return `must be at least ${issue.minimum}`;
      case 'too_big':
        if (issue.origin === 'string') return `may have at most ${issue.maximum} characters`;
        if (issue.origin === 'array') return `may have at most ${issue.maximum} items`;
        return `must be at most ${issue.maximum}`;
      case 'invalid_format':
        return 'has the wrong format';
      case 'invalid_value':
        return `must be one of: ${issue.values.map(String).join(', ')}`;
      case 'unrecognized_keys':
        return `unsupported fields: ${issue.keys.join(', ')}`;
      default:
        return undefined;
    }
  },
};

const fallback: Record<Locale, z.core.$ZodErrorMap> = {
  'zh-CN': z.locales.zhCN().localeError,
  'en-US': z.locales.en().localeError,
};

export const validationErrorMaps: Record<Locale, z.core.$ZodErrorMap> = {
  'zh-CN': (issue) => plain['zh-CN'](issue) ?? fallback['zh-CN'](issue),
  'en-US': (issue) => plain['en-US'](issue) ?? fallback['en-US'](issue),
};
