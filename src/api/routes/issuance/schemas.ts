/**
 * Route schemas of the issuance routes (params, querystring, bodies that fastify checks, and the
 * response shapes, which fast-json-stringify also uses to send only the declared fields). They
 * are inlined into each route, so the OpenAPI document lists them with the routes.
 */
import { JOB_STATES } from '../../jobs/job-record.js';
import { JOB_ID_PATTERN } from '../../jobs/job-files.js';
import { MAX_CHUNK_SIZE } from '../../../issuance/batch/render-chunks.js';
import { BATCH_FORMS, BATCH_KINDS } from './batch-upload.js';

const str = (description?: string) => ({ type: 'string', ...(description ? { description } : {}) }) as const;
const int = (description?: string) => ({ type: 'integer', ...(description ? { description } : {}) }) as const;
const bilingual = { type: 'object', required: ['zh', 'en'], properties: { zh: str(), en: str() } } as const;

export const jobIdParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: JOB_ID_PATTERN, description: 'batch job id (from POST /batches)' } },
} as const;

export const jobFileParams = {
  type: 'object',
  required: ['id', '*'],
  additionalProperties: false,
  properties: { ...jobIdParams.properties, '*': { type: 'string', maxLength: 300, description: 'a file name from the job\'s `files` list' } },
} as const;

export const institutionIdParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', maxLength: 40, description: 'institution id, e.g. yuhua-machinery' } },
} as const;

export const numberParams = {
  type: 'object',
  required: ['number'],
  additionalProperties: false,
  properties: { number: { type: 'string', maxLength: 64, description: 'certificate (22 characters) or supervisor-card number' } },
} as const;

const serialRange = {
  type: 'object',
  required: ['counterKey', 'fromSerial', 'toSerial', 'count'],
  properties: { counterKey: str(), fromSerial: int(), toSerial: int(), count: int() },
} as const;

const stage = { type: 'object', required: ['done', 'total'], properties: { done: int(), total: int(), detail: str() } } as const;

export const jobFileSchema = {
  type: 'object',
  required: ['path', 'role', 'bytes', 'href'],
  properties: {
    path: str('file name inside the job\'s output'),
    role: { type: 'string', enum: ['documents', 'roster-xlsx', 'roster-pdf', 'verification', 'manifest', 'error-report-xlsx', 'error-report-json'] },
    bytes: int(),
    sha256: str(),
    pages: int(),
    numbers: { type: 'object', required: ['first', 'last'], properties: { first: str(), last: str() } },
    href: str('where to download it'),
  },
} as const;

export const batchJobSchema = {
  type: 'object',
  description: 'A batch job: an issue run (roster → numbers → print files) or a reprint',
  required: ['id', 'kind', 'state', 'institutionId', 'documentKind', 'chunkSize', 'createdAt', 'updatedAt', 'counts', 'progress', 'files', 'links'],
  properties: {
    id: str(),
    kind: { type: 'string', enum: ['issue', 'reprint'] },
    state: { type: 'string', enum: [...JOB_STATES], description: 'queued → validating → rejected | issuing → rendering → done; failed at any point' },
    institutionId: str(),
    documentKind: { type: 'string', enum: ['certificate', 'supervisor-card'] },
    formId: str(),
    issueDate: str(),
    chunkSize: int(),
    createdAt: str(),
    updatedAt: str(),
    startedAt: str(),
    finishedAt: str(),
    registryBatchId: str('the registry\'s batch id once numbers are committed'),
    replayed: { type: 'boolean', description: 'true when the registry already held this batch: its numbers were printed again, none allocated' },
    parentId: str('reprint: the job or registry batch reprinted'),
    counts: {
      type: 'object',
      properties: { rows: int(), errors: int(), warnings: int(), documents: int(), pages: int(), chunks: int(), skippedVoided: int() },
    },
    progress: { type: 'object', properties: { validate: stage, number: stage, render: stage, outputs: stage } },
    numbers: { type: 'object', required: ['first', 'last', 'ranges'], properties: { first: str(), last: str(), ranges: { type: 'array', items: serialRange } } },
    errorReport: { type: 'object', required: ['xlsx', 'json'], properties: { xlsx: str(), json: str() }, description: 'rejected: the roster with the faulty cells marked, and the issues as JSON' },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: str(), message: bilingual, numbersCommitted: { type: 'boolean' } },
    },
    files: { type: 'array', items: jobFileSchema },
    links: {
      type: 'object',
      required: ['self', 'events'],
      properties: { self: str(), events: str(), reprint: str(), parent: str() },
    },
  },
} as const;

export const institutionViewSchema = {
  type: 'object',
  required: ['id', 'name', 'code', 'profile', 'updatedAt', 'document'],
  properties: {
    id: str(),
    name: str(),
    code: str('13-character institution code, or a card issuer\'s authority code'),
    profile: { type: 'string', enum: ['national', 'henan', 'liaoning'] },
    category: str(),
    updatedAt: str(),
    document: { type: 'object', additionalProperties: true, description: 'the institution document as registered (schemas/issuance/institution.schema.json)' },
    links: { type: 'object', properties: { self: str() } },
  },
} as const;

export const institutionBodySchema = {
  type: 'object',
  description:
    'An institution document, as schemas/issuance/institution.schema.json describes it (the file `sef institution add` reads); seal images inline as ' +
    '{mediaType, base64}. Checked by the project\'s validator, so problems come back with JSON pointers and zh/en text.',
  required: ['id', 'name', 'category', 'institutionType', 'code'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,39}$' },
    name: str(),
    category: { type: 'string', enum: ['Y', 'S', 'R', 'H'] },
    institutionType: str(),
    code: str(),
  },
  additionalProperties: true,
} as const;

export const reprintBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    reason: { type: 'string', minLength: 1, maxLength: 200, description: 'recorded in the audit log' },
    chunkSize: { type: 'integer', minimum: 1, maximum: MAX_CHUNK_SIZE },
  },
} as const;

export const voidBodySchema = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', maxLength: 200, description: 'why the document is voided (kept in the registry and its audit log)' } },
} as const;

export const voidResultSchema = {
  type: 'object',
  required: ['number', 'status', 'voidedAt', 'reason'],
  properties: { number: str(), kind: str(), status: { type: 'string', enum: ['voided'] }, voidedAt: str(), reason: str(), links: { type: 'object', properties: { verify: str() } } },
} as const;

export const verificationSchema = {
  type: 'object',
  description: 'The public verification record: holder name and ID number masked',
  required: ['number', 'kind', 'status', 'holderName', 'idNumber', 'institution', 'issueDate', 'qrPayload'],
  properties: {
    number: str(),
    kind: { type: 'string', enum: ['certificate', 'supervisor-card', 'special-ability-certificate'] },
    status: { type: 'string', enum: ['issued', 'voided'] },
    voidedAt: str(),
    holderName: str('first and last character kept: 王*军'),
    idNumber: str('first 3 and last 4 characters kept'),
    occupation: { type: 'object', required: ['name'], properties: { code: str(), name: str() } },
    job: str('工种'),
    level: { type: 'object', required: ['code', 'text'], properties: { code: int(), text: str() } },
    institution: { type: 'object', required: ['name'], properties: { name: str(), code: str() } },
    issueDate: str(),
    qrPayload: str('what the printed QR code encodes'),
  },
} as const;

/** POST /batches as multipart/form-data (documentation: the parts are read and checked by batch-upload.ts). */
export const batchUploadSchema = {
  type: 'object',
  required: ['institution', 'roster'],
  properties: {
    institution: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'institution id (send the fields before the files)' },
    issueDate: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: '发证日期; default today in China' },
    formId: { type: 'string', enum: [...BATCH_FORMS] },
    kind: { type: 'string', enum: [...BATCH_KINDS] },
    chunkSize: { type: 'integer', minimum: 1, maximum: MAX_CHUNK_SIZE, description: 'records per PDF (default 250)' },
    branch: { type: 'string', maxLength: 100, description: '分支机构 name or code (样式二)' },
    roster: { type: 'string', format: 'binary', description: 'XLSX, CSV or JSON roster' },
    photos: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'one ZIP, or JPEG/PNG images named by ID number' },
  },
} as const;
