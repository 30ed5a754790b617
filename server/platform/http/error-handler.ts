import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  CommonError,
  errorSpec,
  formatMessage,
  type ErrorBody,
  type Locale,
} from '../contract/errors.ts';
import { fieldLabel, validationMessage } from '../contract/fields.ts';
import { requestLocale } from '../i18n/locale.ts';
import { AppError, isAppError } from './app-error.ts';

type Field = NonNullable<ErrorBody['error']['fields']>[number];

export function fieldsFromIssues(
  issues: z.core.$ZodIssue[],
  locale: Locale,
  prefix?: string,
): Field[] {
  return issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const text = validationMessage(issue.message, locale) ?? issue.message;
    const label = fieldLabel(issue.path.map(String).join('.') || (prefix ?? ''), locale);
    return {
      field,
      code: issue.code,
      message: `${label}${locale === 'zh-CN' ? '：' : ': '}${text}`,
    };
  });
}

export function errorBody(err: AppError, locale: Locale): ErrorBody {
  const spec = errorSpec(err.code);
  const message = spec ? formatMessage(spec[locale], localiseParams(err.params, locale)) : err.code;
  const fields = err.fields?.map((f) => ({
    field: f.field,
    code: f.code,
    message:
      f.message ??
      `${fieldLabel(f.field, locale)}${locale === 'zh-CN' ? '：' : ': '}${formatMessage(errorSpec(f.code)?.[locale] ?? f.code, localiseParams(err.params, locale))}`,
  }));
  return { error: { code: err.code, message, ...(fields ? { fields } : {}) } };
}

/** Params may carry `{ 'zh-CN': …, 'en-US': … }` values, e.g. an entity name. */
function localiseParams(params: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      v && typeof v === 'object' && locale in v ? (v as Record<Locale, string>)[locale] : v,
    ]),
  );
}

export function sendError(reply: FastifyReply, req: FastifyRequest, err: AppError): FastifyReply {
  return reply.status(err.status).send(errorBody(err, requestLocale(req)));
}

/** AppError, validation problems, framework errors and crashes all leave as `{ error: … }`. */
export type ErrorHandlerOptions = {
  /** Answers a request no route matched (e.g. a client-side route of a web app); true if it did. */
  fallback?: (req: FastifyRequest, reply: FastifyReply) => boolean;
};

export function installErrorHandler(app: FastifyInstance, options: ErrorHandlerOptions = {}): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isAppError(err)) return sendError(reply, req, err);
    const status = err.statusCode ?? 500;
    if (status === 429) return sendError(reply, req, new AppError(CommonError.rate_limited));
    if (status === 403) return sendError(reply, req, new AppError(CommonError.forbidden));
    if (status === 404) return sendError(reply, req, new AppError(CommonError.route_not_found));
    if (status >= 400 && status < 500) {
      // Malformed JSON, an unsupported content type, a too-large body: the client's fault.
      req.log.info({ err }, 'bad request');
      const summary = err.code ?? 'bad_request';
      return sendError(
        reply,
        req,
        new AppError(CommonError.invalid_input, { params: { summary }, status }),
      );
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, req, new AppError(CommonError.internal));
  });
  app.setNotFoundHandler((req, reply) => {
    if (options.fallback?.(req, reply)) return reply;
    return sendError(reply, req, new AppError(CommonError.route_not_found));
  });
}
