/**
 * Error codes with their HTTP status and messages in both languages. Each module declares its own
 * with `defineErrors`; the server's error handler and the web client read them from this registry.
 * Messages may use `{name}` placeholders filled from the error's params.
 */
export type Locale = 'zh-CN' | 'en-US';
export const locales: readonly Locale[] = ['zh-CN', 'en-US'];

export type ErrorSpec = { status: number; 'zh-CN': string; 'en-US': string };

const registry = new Map<string, ErrorSpec>();

export function defineErrors<const T extends Record<string, ErrorSpec>>(
  namespace: string,
  specs: T,
): { [K in keyof T & string]: `${typeof namespace}.${K}` } {
  const codes: Record<string, string> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const code = `${namespace}.${key}`;
    registry.set(code, spec);
    codes[key] = code;
  }
  return codes as { [K in keyof T & string]: `${typeof namespace}.${K}` };
}

export function errorSpec(code: string): ErrorSpec | undefined {
  return registry.get(code);
}

export function errorCodes(): string[] {
  return [...registry.keys()];
}

export function formatMessage(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

/** Codes every endpoint may answer with. */
export const CommonError = defineErrors('common', {
  invalid_input: {
    status: 400,
    'zh-CN': '输入有误：{summary}',
    'en-US': 'Invalid input: {summary}',
  },
  unauthenticated: { status: 401, 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  session_expired: {
    status: 401,
    'zh-CN': '登录已超时，请重新登录',
    'en-US': 'Your session has expired; please sign in again',
  },
  forbidden: { status: 403, 'zh-CN': '没有执行此操作的权限', 'en-US': 'You may not do this' },
  not_found: { status: 404, 'zh-CN': '未找到该{entity}', 'en-US': 'The {entity} was not found' },
  route_not_found: { status: 404, 'zh-CN': '接口不存在', 'en-US': 'No such endpoint' },
  conflict: {
    status: 409,
    'zh-CN': '数据已被他人修改，请刷新后重试',
    'en-US': 'Changed by someone else; reload and retry',
  },
  idempotency_mismatch: {
    status: 422,
    'zh-CN': '同一幂等键已用于另一个请求',
    'en-US': 'This idempotency key was used for a different request',
  },
  file_required: {
    status: 400,
    'zh-CN': '请上传文件（multipart 表单字段 {field}）',
    'en-US': 'Upload a file (multipart form field "{field}")',
  },
  multipart_invalid: {
    status: 400,
    'zh-CN': '上传内容格式不正确（multipart 表单字段 {field}）',
    'en-US': 'The upload is malformed (multipart form field "{field}")',
  },
  part_required: {
    status: 400,
    'zh-CN': '请以 application/octet-stream 发送文件的一段（请求头 Content-Range 说明其位置）',
    'en-US':
      'Send a part of the file as application/octet-stream (its place in the Content-Range header)',
  },
  range_invalid: {
    status: 400,
    'zh-CN': '请求头 Content-Range 应为“bytes 起-止/总长”，且与所发内容的长度一致',
    'en-US': 'The Content-Range header must be "bytes start-end/total" and match the length sent',
  },
  file_too_large: {
    status: 413,
    'zh-CN': '文件过大，不能超过 {mb} MB',
    'en-US': 'The file is too large: at most {mb} MB',
  },
  payload_too_large: {
    status: 413,
    'zh-CN': '请求内容过大，不能超过 {kb} KB',
    'en-US': 'The request body is too large: at most {kb} KB',
  },
  unsupported_media_type: {
    status: 415,
    'zh-CN': '不支持的请求内容类型 {type}，请使用 application/json',
    'en-US': 'Unsupported content type {type}: send application/json',
  },
  invalid_url: {
    status: 400,
    'zh-CN': '请求地址含有无效的编码',
    'en-US': 'The request address holds an invalid encoding',
  },
  url_too_long: {
    status: 414,
    'zh-CN': '请求地址中的参数过长',
    'en-US': 'A parameter in the request address is too long',
  },
  header_too_large: {
    status: 431,
    'zh-CN': '请求头过大',
    'en-US': 'The request headers are too large',
  },
  bad_request: {
    status: 400,
    'zh-CN': '无法处理的请求',
    'en-US': 'The request cannot be processed',
  },
  rate_limited: {
    status: 429,
    'zh-CN': '请求过于频繁，请稍后再试',
    'en-US': 'Too many requests; try again later',
  },
  internal: {
    status: 500,
    'zh-CN': '服务器内部错误，请稍后再试',
    'en-US': 'Internal error; please try again later',
  },
});

/** What every error response carries. */
export type ErrorBody = {
  error: {
    code: string;
    message: string;
    fields?: { field: string; code: string; message: string }[];
  };
};
