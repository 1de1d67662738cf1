/**
 * Schemas shared by the routes (and listed in the OpenAPI document): problem+json, validation
 * results, form summaries, the manifest (schemas/meta/manifest.schema.json, the same file the
 * registry checks manifests with), and the error responses every route declares.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemasDir } from '../paths.js';
import { problemIssueSchema, problemSchema } from './problem.js';

const stripIds = (s: Record<string, unknown>): Record<string, unknown> => {
  const { $schema: _s, $id: _i, ...rest } = s;
  return rest;
};

export const manifestSchema = {
  $id: 'FormManifest',
  ...stripIds(JSON.parse(readFileSync(join(schemasDir, 'meta', 'manifest.schema.json'), 'utf8')) as Record<string, unknown>),
};

export const validationIssueSchema = {
  $id: 'ValidationIssue',
  type: 'object',
  required: ['pointer', 'code', 'severity', 'message'],
  properties: {
    pointer: { type: 'string', description: 'JSON pointer into the submitted document' },
    code: { type: 'string', description: 'error code from the catalogue' },
    severity: { type: 'string', enum: ['error', 'warning'] },
    message: { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } },
  },
} as const;

export const validationResultSchema = {
  $id: 'ValidationResult',
  type: 'object',
  description: 'Result of checking a document: valid when there are no errors; warnings never block rendering',
  required: ['valid', 'records', 'errors', 'warnings'],
  properties: {
    valid: { type: 'boolean' },
    records: { type: 'integer', description: '1 for one document (an object), n for a batch (an array of n records)' },
    errors: { type: 'array', items: { $ref: 'ValidationIssue#' } },
    warnings: { type: 'array', items: { $ref: 'ValidationIssue#' } },
  },
} as const;

export const formSummarySchema = {
  $id: 'FormSummary',
  type: 'object',
  required: ['id', 'title', 'kind', 'jurisdiction', 'formats', 'completeness'],
  properties: {
    id: { type: 'string' },
    title: { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    kind: { type: 'string' },
    jurisdiction: { type: 'string' },
    catalogue: { type: 'string' },
    formats: { type: 'array', items: { type: 'string', enum: ['pdf', 'docx', 'html'] }, description: 'what POST /forms/{id}/render can produce' },
    renderModes: { type: 'array', items: { type: 'string', enum: ['pages', 'imposed'] } },
    examples: { type: 'array', items: { type: 'string' } },
    completeness: { type: 'string', enum: ['complete', 'partial'] },
  },
} as const;

/** Shared schemas, added to the app with addSchema (OpenAPI components under the same names). */
export const sharedSchemas = [problemIssueSchema, problemSchema, validationIssueSchema, validationResultSchema, formSummarySchema, manifestSchema] as const;

const problem = (description: string) => ({ description, $ref: 'Problem#' });

/** Error responses, by status, for a route's `response` declaration. */
export const errorResponses = (...statuses: number[]): Record<string, unknown> => {
  const text: Record<number, string> = {
    400: 'malformed request (problem+json with pointers)',
    401: 'missing or invalid API key',
    403: 'the API key lacks the scope or the institution',
    404: 'not found',
    409: 'conflict',
    413: 'body or upload over the limit',
    415: 'unsupported content type',
    422: 'the document does not satisfy its schema (problem+json with pointers)',
    429: 'rate limit exceeded (Retry-After)',
    503: 'overloaded, timed out or shutting down (Retry-After)',
  };
  const out: Record<string, unknown> = {};
  for (const s of [...statuses, 429, 503]) out[String(s)] = problem(text[s] ?? 'error');
  out['500'] = problem('internal error (no details; quote the requestId)');
  return out;
};

export const formIdParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', maxLength: 100, description: 'form id, from GET /forms' } },
} as const;
