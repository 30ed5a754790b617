import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  CommonError,
  errorSpec,
  formatMessage,
  type ErrorBody,
  type Locale,
} from '../contract/errors.ts';
import { fieldLabel, validationMessage, type FieldLabels } from '../contract/fields.ts';
import { requestLocale } from '../i18n/locale.ts';
import { AppError, isAppError } from './app-error.ts';

type Field = NonNullable<ErrorBody['error']['fields']>[number];

/** How a refusal names its fields: the caller's language, the labels of the endpoint's module. */
export type Naming = { locale: Locale; labels?: FieldLabels | undefined };

export function fieldsFromIssues(
  issues: z.core.$ZodIssue[],
  { locale, labels }: Naming,
  prefix?: string,
): Field[] {
  return issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const text = validationMessage(issue.message, locale) ?? issue.message;
    const label = fieldLabel(issue.path.map(String).join('.') || (prefix ?? ''), locale, labels);
    return {
      field,
      code: issue.code,
      message: `${label}${locale === 'zh-CN' ? '：' : ': '}${text}`,
    };
  });
}

export function errorBody(err: AppError, locale: Locale, labels?: FieldLabels): ErrorBody {
  const spec = errorSpec(err.code);
  const message = spec ? formatMessage(spec[locale], localiseParams(err.params, locale)) : err.code;
  const fields = err.fields?.map((f) => ({
    field: f.field,
    code: f.code,
    message:
      f.message ??
      `${fieldLabel(f.field, locale, labels)}${locale === 'zh-CN' ? '：' : ': '}${formatMessage(errorSpec(f.code)?.[locale] ?? f.code, localiseParams(err.params, locale))}`,
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

/** The field labels of the endpoint a request reached (defineRoutes puts them in its config). */
export function routeLabels(req: FastifyRequest): FieldLabels | undefined {
  return (req.routeOptions?.config as { labels?: FieldLabels } | undefined)?.labels;
}

/** How a request's refusals name fields: its locale, its endpoint's labels. */
export const namingOf = (req: FastifyRequest): Naming => ({
  locale: requestLocale(req),
  labels: routeLabels(req),
});

export function sendError(reply: FastifyReply, req: FastifyRequest, err: AppError): FastifyReply {
  return reply.status(err.status).send(errorBody(err, requestLocale(req), routeLabels(req)));
}

/** A framework's refusal (Fastify's FST_ERR_… codes) as one of ours, in the error shape. */
function frameworkError(err: FastifyError, req: FastifyRequest): AppError {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(CommonError.payload_too_large, {
        params: { kb: Math.round(req.routeOptions.bodyLimit / 1024) },
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return err.statusCode === 415
        ? new AppError(CommonError.unsupported_media_type, {
            params: { type: String(req.headers['content-type'] ?? '').slice(0, 100) },
          })
        : new AppError(CommonError.bad_request);
    case 'FST_ERR_BAD_URL':
      return new AppError(CommonError.invalid_url);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError(CommonError.url_too_long);
    default:
      return new AppError(CommonError.bad_request, { status: err.statusCode ?? 400 });
  }
}

/**
 * Fastify's `frameworkErrors`: a bad percent-encoding or an over-long path parameter found while
 * routing, before any route or error handler; answered in the error shape too.
 */
export function answerFrameworkError(
  err: FastifyError,
  req: FastifyRequest,
  reply: FastifyReply,
): void {
  void sendError(reply, req, frameworkError(err, req));
}

/**
 * Node's own refusals, before any request exists (headers too large, a malformed request line): the
 * error shape in the default language, written to the socket.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const error =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError(CommonError.header_too_large)
      : new AppError(CommonError.bad_request, {
          status: err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400,
        });
  const body = JSON.stringify(errorBody(error, 'zh-CN'));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Bad Request'}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
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
      // Malformed requests, an unsupported content type, a too-large body: the client's fault.
      req.log.info({ err }, 'bad request');
      return sendError(reply, req, frameworkError(err, req));
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, req, new AppError(CommonError.internal));
  });
  app.setNotFoundHandler((req, reply) => {
    if (options.fallback?.(req, reply)) return reply;
    return sendError(reply, req, new AppError(CommonError.route_not_found));
  });
}
