/**
 * Every error the service answers with is RFC 9457 problem+json, built here and only here:
 * `{ type, title, status, code, detail, issues: [{ pointer, location?, code, severity,
 * message: { zh, en } }], requestId }`. A UserError keeps its issues (JSON pointers into the
 * body) and takes the HTTP status of its first issue's catalogue entry; fastify's and the
 * plugins' own errors are mapped to catalogue codes; anything else is 500 INTERNAL with the
 * request id and nothing more (no message, no stack, no path).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { messageFor, toIssue } from '../errors/catalog.js';
import { SystemError, UserError, type IssueRef } from '../errors/user-error.js';
import type { ValidationIssue } from '../errors/issue.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Where a problem sits in the request; the body (the default) is left out. */
export type IssueLocation = 'body' | 'querystring' | 'params' | 'headers';

export interface ProblemIssue {
  readonly pointer: string;
  readonly location?: Exclude<IssueLocation, 'body'>;
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: { readonly zh: string; readonly en: string };
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly issues: readonly ProblemIssue[];
  readonly requestId: string;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** `type` of a problem: a stable URN per code (RFC 9457 §3.1.1 allows any URI). */
export const problemType = (code: string): string => `urn:skill-eval-forms:problem:${code.toLowerCase().replace(/_/g, '-')}`;

export const toProblemIssue = (i: ValidationIssue, location?: IssueLocation): ProblemIssue => ({
  pointer: i.pointer,
  ...(location && location !== 'body' ? { location } : {}),
  code: i.code,
  severity: i.severity,
  message: { zh: i.zh, en: i.en },
});

const problemFrom = (status: number, issues: readonly ProblemIssue[], requestId: string): Problem => {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (+${issues.length - 1})` : '';
  return {
    type: problemType(first.code),
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    code: first.code,
    detail: `${first.message.zh} / ${first.message.en}${more}`,
    issues,
    requestId,
  };
};

/** A problem for one catalogue code. */
export function codeProblem(code: string, requestId: string, params?: Readonly<Record<string, string | number>>, status?: number): Problem {
  const m = messageFor(code, params);
  return problemFrom(status ?? m.http, [{ pointer: '', code, severity: 'error', message: { zh: m.zh, en: m.en } }], requestId);
}

/** The problem of a UserError: every issue, status from the first error's catalogue entry. */
export function userErrorProblem(err: UserError, requestId: string, location?: IssueLocation): Problem {
  const issues = err.issues.map((ref: IssueRef) => toProblemIssue(toIssue(ref), location));
  const firstError = err.issues.find((i) => (i.severity ?? 'error') === 'error') ?? err.issues[0];
  const status = firstError ? messageFor(firstError.code).http : 400;
  return problemFrom(status >= 400 && status < 600 ? status : 400, issues.length ? issues : [toProblemIssue(toIssue({ pointer: '', code: 'INTERNAL', params: { requestId } }))], requestId);
}

// ── route-schema validation errors (params, querystring, non-document bodies) ─────────────────

type Localize = (errors: ErrorObject[]) => void;
const localizeZh: Localize =
  (localizeZhModule as unknown as { default?: Localize }).default ?? (localizeZhModule as unknown as Localize);

const LOCATION_ZH: Readonly<Record<IssueLocation, string>> = { body: '数据', querystring: '查询参数', params: '路径参数', headers: '请求头' };
const LOCATION_EN: Readonly<Record<IssueLocation, string>> = { body: 'body field', querystring: 'query parameter', params: 'path parameter', headers: 'header' };

const escapeSeg = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

function schemaErrorIssues(errors: readonly ErrorObject[], location: IssueLocation): ProblemIssue[] {
  return errors.slice(0, 50).map((e) => {
    const p = e.params as Record<string, unknown>;
    const extra = e.keyword === 'required' ? p.missingProperty : e.keyword === 'additionalProperties' ? p.additionalProperty : undefined;
    const pointer = typeof extra === 'string' ? `${e.instancePath}/${escapeSeg(extra)}` : e.instancePath;
    const zhCopy = { ...e };
    localizeZh([zhCopy]);
    const name = pointer === '' ? (location === 'body' ? '/' : location) : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
    const allowed = Array.isArray(p.allowedValues) ? ` (${p.allowedValues.map(String).join(', ')})` : '';
    const issue = toIssue({
      pointer,
      code: 'REQUEST_INVALID',
      params: {
        locationZh: LOCATION_ZH[location],
        location: LOCATION_EN[location],
        name,
        reasonZh: `${zhCopy.message ?? e.keyword}${allowed}`,
        reason: `${e.message ?? e.keyword}${allowed}`,
      },
    });
    return toProblemIssue(issue, location);
  });
}

// ── fastify / plugin error codes → catalogue codes ────────────────────────────────────────────

const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MEDIA_TYPE_UNSUPPORTED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MULTIPART_INVALID',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BODY_EMPTY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'JSON_SYNTAX',
  FST_ERR_HANDLER_TIMEOUT: 'HANDLER_TIMEOUT',
  FST_REQ_FILE_TOO_LARGE: 'MULTIPART_LIMIT',
  FST_FILES_LIMIT: 'MULTIPART_LIMIT',
  FST_PARTS_LIMIT: 'MULTIPART_LIMIT',
  FST_FIELDS_LIMIT: 'MULTIPART_LIMIT',
  FST_PROTO_VIOLATION: 'PROTOTYPE_POISONING',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'MULTIPART_EXPECTED',
  FST_MP_PREMATURE_CLOSE: 'MULTIPART_INVALID',
  FST_INVALID_JSON_FIELD_ERROR: 'MULTIPART_INVALID',
};

const MULTIPART_LIMIT_TEXT: Readonly<Record<string, { zh: string; en: string }>> = {
  FST_REQ_FILE_TOO_LARGE: { zh: '单个文件过大', en: 'a file is too large' },
  FST_FILES_LIMIT: { zh: '文件个数过多', en: 'too many files' },
  FST_PARTS_LIMIT: { zh: '表单部分过多', en: 'too many parts' },
  FST_FIELDS_LIMIT: { zh: '表单字段过多', en: 'too many fields' },
};

/** Params a mapped fastify code's message needs, from what the error and the request tell. */
function fastifyParams(err: FastifyError, request: FastifyRequest): Record<string, string | number> {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { limit: request.routeOptions.bodyLimit ?? 0 };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { mediaType: String(request.headers['content-type'] ?? '').slice(0, 100) || '—', accepted: 'application/json' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { reason: 'the body is not valid JSON' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_MP_PREMATURE_CLOSE':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return { reasonZh: '请求体不完整或格式错误', reason: 'the body is incomplete or malformed' };
    default: {
      const t = MULTIPART_LIMIT_TEXT[err.code];
      return t ? { limitZh: t.zh, limit: t.en } : {};
    }
  }
}

/** secure-json-parse's refusal of __proto__ / constructor.prototype (fastify's JSON parser). */
const isPoisoning = (err: Error): boolean =>
  err instanceof SyntaxError && /forbidden prototype property|prototype property/i.test(err.message);

/** Any error → the problem to send, and whether it is ours to log as a failure (5xx). */
export function problemFor(err: unknown, request: FastifyRequest): Problem {
  const requestId = String(request.id);
  if (err instanceof UserError) return userErrorProblem(err, requestId);
  if (err instanceof SystemError) {
    // Only system failures the catalogue describes to users (RENDER_TIMEOUT, RENDER_QUEUE_FULL: 503) are named.
    const m = messageFor(err.code);
    return m.http === 503 ? codeProblem(err.code, requestId) : codeProblem('INTERNAL', requestId, { requestId });
  }
  if (!(err instanceof Error)) return codeProblem('INTERNAL', requestId, { requestId });
  if (isPoisoning(err)) return codeProblem('PROTOTYPE_POISONING', requestId);
  const fe = err as FastifyError & { validation?: ErrorObject[]; validationContext?: string };
  if (Array.isArray(fe.validation)) {
    const location = (['body', 'querystring', 'params', 'headers'].includes(fe.validationContext ?? '') ? fe.validationContext : 'body') as IssueLocation;
    const issues = schemaErrorIssues(fe.validation, location);
    if (issues.length) return problemFrom(400, issues, requestId);
  }
  if (typeof fe.code === 'string') {
    const code = FASTIFY_CODES[fe.code];
    if (code) return codeProblem(code, requestId, fastifyParams(fe, request));
  }
  if (err instanceof SyntaxError && typeof fe.statusCode === 'number' && fe.statusCode === 400)
    return codeProblem('JSON_SYNTAX', requestId, { reason: 'the body is not valid JSON' });
  // A plugin's own client error (e.g. @fastify/static refusing a dotfile with 403) stays a client
  // error: a missing or refused file reads as no such route, anything else as a bad request.
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const url = request.url.split('?')[0]!.slice(0, 200);
    if (fe.statusCode === 403 || fe.statusCode === 404) return codeProblem('ROUTE_NOT_FOUND', requestId, { method: request.method, url });
    return codeProblem('REQUEST_INVALID', requestId, { locationZh: '地址', location: 'URL', name: url, reasonZh: '请求无法处理', reason: 'the request cannot be processed' });
  }
  return codeProblem('INTERNAL', requestId, { requestId });
}

/** Sends a problem with its content type; 401 gets WWW-Authenticate, 503/429 Retry-After. */
export function sendProblem(reply: FastifyReply, problem: Problem, retryAfterSeconds = 10): FastifyReply {
  reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).header('cache-control', 'no-store');
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="skill-eval-forms"');
  if ((problem.status === 503 || problem.status === 429) && !reply.hasHeader('retry-after')) reply.header('retry-after', String(retryAfterSeconds));
  return reply.send(problem);
}

/** The problem+json schemas, shared by every route's response declaration and the OpenAPI document. */
export const problemIssueSchema = {
  $id: 'ProblemIssue',
  type: 'object',
  required: ['pointer', 'code', 'severity', 'message'],
  properties: {
    pointer: { type: 'string', description: 'JSON pointer into the request body (or into `location` when given)' },
    location: { type: 'string', enum: ['querystring', 'params', 'headers'] },
    code: { type: 'string', description: 'error code from the catalogue' },
    severity: { type: 'string', enum: ['error', 'warning'] },
    message: {
      type: 'object',
      required: ['zh', 'en'],
      properties: { zh: { type: 'string' }, en: { type: 'string' } },
    },
  },
} as const;

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  required: ['type', 'title', 'status', 'code', 'detail', 'issues', 'requestId'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    issues: { type: 'array', items: { $ref: 'ProblemIssue#' } },
    requestId: { type: 'string' },
  },
} as const;
