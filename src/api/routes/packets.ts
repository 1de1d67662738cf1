/**
 * Filing packets over HTTP: GET /packets and GET /packets/{packetId} (the definitions and their
 * checklist items), and POST /packets/{packetId}: multipart/form-data with one field `request`
 * (the packet request as JSON text, schemas/packets/request.schema.json) and one file part per
 * supplied file, named by its checklist item id → a ZIP with the packet PDF, the DOCX of every
 * generated item and manifest.json (src/packets packetZip).
 *
 * Uploads are bounded before src/packets sees them: parts, files and field size by
 * @fastify/multipart (413), bytes per file and in total here (413); the type of each file is
 * decided by its bytes in src/packets (a renamed executable is 415), never by its name.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import { UserError } from '../../errors/user-error.js';
import { buildPacket, packetRegistry, packetZip, type PacketDefinition, type SuppliedFile, type SuppliedMediaType } from '../../packets/index.js';
import { documentRouteValidatorCompiler } from '../document-body.js';
import { contentDisposition, headerJson, safeFileName } from '../http.js';
import { parseJsonBody } from '../json-body.js';
import { errorResponses } from '../schemas.js';

const MEDIA_TYPES: readonly SuppliedMediaType[] = ['application/pdf', 'image/jpeg', 'image/png'];
const BY_EXTENSION: Readonly<Record<string, SuppliedMediaType>> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };
const REQUEST_FIELD = 'request';

/** The type the client declares: the part's Content-Type when it is one we take, else the file name's extension. */
function declaredType(mimetype: string, filename: string): SuppliedMediaType | undefined {
  const m = mimetype.toLowerCase().split(';')[0]!.trim();
  if ((MEDIA_TYPES as readonly string[]).includes(m)) return m as SuppliedMediaType;
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  return ext ? BY_EXTENSION[ext] : undefined;
}

const packetIdParams = {
  type: 'object',
  required: ['packetId'],
  additionalProperties: false,
  properties: { packetId: { type: 'string', maxLength: 100, description: 'packet id, from GET /packets' } },
} as const;

const itemSchema = {
  type: 'object',
  required: ['id', 'no', 'title', 'titleEn', 'requirement', 'source'],
  properties: {
    id: { type: 'string', description: 'the multipart field name of its files, or the key of its data under `documents`' },
    no: { type: 'string' },
    title: { type: 'string' },
    titleEn: { type: 'string' },
    requirement: { type: 'string', enum: ['required', 'keep-for-inspection', 'optional', 'conditional'] },
    condition: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    source: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { type: 'string', enum: ['generated', 'supplied'] },
        formId: { type: 'string' },
        mediaTypes: { type: 'array', items: { type: 'string' } },
        maxFiles: { type: 'integer' },
      },
    },
  },
} as const;

const summary = (d: PacketDefinition) => ({
  id: d.id,
  title: d.title,
  jurisdiction: d.jurisdiction,
  applicantType: d.applicantType,
  applicantTypeZh: d.applicantTypeZh,
  checklistFormId: d.checklistFormId,
  items: d.items.length,
});

/** The checklist as clients need it (the definition's provenance notes stay out). */
const definitionView = (d: PacketDefinition) => ({
  ...summary(d),
  catalogue: d.catalogue,
  ...(d.submittedTo ? { submittedTo: d.submittedTo } : {}),
  ...(d.rule ? { rule: d.rule } : {}),
  copies: { count: d.copies.count, note: d.copies.note },
  limits: d.limits,
  items: d.items.map((i) => ({
    id: i.id,
    no: i.no,
    title: i.title,
    titleEn: i.titleEn,
    requirement: i.requirement,
    ...(i.condition ? { condition: i.condition } : {}),
    source: i.source,
    ...(i.checklistItem ? { checklistItem: i.checklistItem } : {}),
  })),
});

export const packetRoutes: FastifyPluginAsync = async (app) => {
  const { engine, config } = app.sef;
  const registry = packetRegistry();
  /** What the list and a definition both say of a packet. */
  const packetHeadProperties = {
    title: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    jurisdiction: { type: 'string' },
    applicantType: { type: 'string' },
    applicantTypeZh: { type: 'string' },
    checklistFormId: { type: 'string' },
  } as const;
  const limits = config.multipart;
  const rate = config.rateLimits;

  app.get('/packets', {
    schema: {
      tags: ['packets'],
      summary: 'Every filing packet the service can assemble',
      response: {
        200: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'title', 'jurisdiction', 'checklistFormId', 'items'],
            properties: {
              id: { type: 'string' },
              ...packetHeadProperties,
              items: { type: 'integer', description: 'checklist items' },
            },
          },
        },
        ...errorResponses(),
      },
    },
  }, async () => registry.list().map(summary));

  app.get<{ Params: { packetId: string } }>('/packets/:packetId', {
    schema: {
      tags: ['packets'],
      summary: 'A packet definition: its checklist items, what each needs (generated document or supplied files) and the upload limits',
      params: packetIdParams,
      response: {
        200: {
          type: 'object',
          required: ['id', 'title', 'items', 'limits'],
          properties: {
            id: { type: 'string' },
            ...packetHeadProperties,
            catalogue: { type: 'string' },
            submittedTo: { type: 'string' },
            rule: { type: 'string' },
            copies: { type: 'object', properties: { count: { type: 'integer' }, note: { type: 'string' } } },
            limits: { type: 'object', properties: { maxFileBytes: { type: 'integer' }, maxPdfPages: { type: 'integer' }, maxTotalBytes: { type: 'integer' } } },
            items: { type: 'array', items: itemSchema },
          },
        },
        ...errorResponses(400, 404),
      },
    },
  }, async (req) => definitionView(registry.get(req.params.packetId)));

  await app.register(async (uploads) => {
    await uploads.register(multipart, {
      limits: {
        fields: 4,
        fieldSize: limits.fieldSize,
        files: limits.packetFiles,
        fileSize: limits.packetFileSize,
        parts: limits.packetFiles + 4,
        headerPairs: 100,
      },
      throwFileSizeLimit: true,
    });

    uploads.post<{ Params: { packetId: string } }>('/packets/:packetId', {
      bodyLimit: config.bodyLimits.packet,
      handlerTimeout: config.timeouts.renderHandlerMs,
      validatorCompiler: documentRouteValidatorCompiler,
      config: {
        rateLimit: {
          max: (req: { apiKey?: unknown }) => (req.apiKey ? rate.renderPerKey : rate.renderPerIp),
          timeWindow: rate.windowMs,
        },
      },
      // An unknown packet is answered before a byte of the upload is read.
      preValidation: async (req) => {
        registry.get(req.params.packetId);
      },
      schema: {
        tags: ['packets'],
        summary: 'Assemble a filing packet: the documents from your data and your supplied files → one ZIP (packet.pdf, DOCX files, manifest.json)',
        description:
          'multipart/form-data: a field `request` (JSON text: applicant, documents by item id, optional supplied file names, copies, date) and one file part per ' +
          'supplied file, its field name the checklist item id (GET /packets/{packetId}). PDF, JPEG or PNG, judged by the bytes. ' +
          `At most ${limits.packetFiles} files, ${limits.packetFileSize} bytes each, ${config.bodyLimits.packet} bytes in all. ` +
          'Headers: X-Packet-Items (JSON, base64url: each item with its status present/missing/optional-absent and pages).',
        consumes: ['multipart/form-data'],
        params: packetIdParams,
        body: {
          type: 'object',
          required: [REQUEST_FIELD],
          properties: { [REQUEST_FIELD]: { type: 'string', description: 'the packet request, JSON text (schemas/packets/request.schema.json)' } },
          additionalProperties: { type: 'string', format: 'binary', description: 'a supplied file; the field name is its checklist item id' },
        },
        response: {
          200: { description: 'the packet ZIP', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } },
          ...errorResponses(400, 401, 404, 413, 415, 422),
        },
      },
    }, async (req, reply) => {
      const def = registry.get(req.params.packetId);
      if (!req.isMultipart()) throw new UserError({ pointer: '', code: 'MULTIPART_EXPECTED' });
      let request: unknown;
      let requestSeen = false;
      const files = new Map<string, SuppliedFile[]>();
      let total = 0;
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          if (part.fieldname !== REQUEST_FIELD) throw new UserError({ pointer: '', code: 'MULTIPART_FIELD_UNKNOWN', params: { field: part.fieldname.slice(0, 100) } });
          if (requestSeen) throw new UserError({ pointer: '', code: 'MULTIPART_INVALID', params: { reasonZh: '字段 request 出现了两次', reason: 'the field request appears twice' } });
          requestSeen = true;
          request = parseJsonBody(String(part.value));
          continue;
        }
        const bytes = await part.toBuffer(); // throws FST_REQ_FILE_TOO_LARGE past limits.fileSize
        if (part.fieldname === REQUEST_FIELD) {
          // The request sent as a file (curl -F request=@request.json): the same JSON, the field's size limit.
          if (requestSeen) throw new UserError({ pointer: '', code: 'MULTIPART_INVALID', params: { reasonZh: '字段 request 出现了两次', reason: 'the field request appears twice' } });
          if (bytes.length > limits.fieldSize)
            throw new UserError({ pointer: '', code: 'MULTIPART_LIMIT', params: { limitZh: `request 超过 ${limits.fieldSize} 字节`, limit: `request over ${limits.fieldSize} bytes` } });
          requestSeen = true;
          request = parseJsonBody(bytes.toString('utf8'));
          continue;
        }
        total += bytes.length;
        if (total > config.bodyLimits.packet)
          throw new UserError({ pointer: '', code: 'MULTIPART_LIMIT', params: { limitZh: `上传总量超过 ${config.bodyLimits.packet} 字节`, limit: `more than ${config.bodyLimits.packet} bytes in all` } });
        const name = part.filename || `${part.fieldname}-${(files.get(part.fieldname)?.length ?? 0) + 1}`;
        const mediaType = declaredType(part.mimetype, name);
        if (!mediaType) throw new UserError({ pointer: `/supplied/${part.fieldname}`, code: 'UPLOAD_TYPE_UNSUPPORTED', params: { name: name.slice(0, 200) } });
        const list = files.get(part.fieldname) ?? [];
        list.push({ name, mediaType, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
        files.set(part.fieldname, list);
      }
      if (!requestSeen) throw new UserError({ pointer: '', code: 'MULTIPART_FIELD_MISSING', params: { field: REQUEST_FIELD } });

      const result = await buildPacket(engine, { packetId: def.id, request, files });
      const zip = await packetZip(result);
      if (reply.sent) return reply; // the handler timeout answered (503); see routes/forms.ts
      const items = result.manifest.items.map((i) => ({ id: i.id, no: i.no, status: i.status, ...(i.pages ? { pages: i.pages } : {}) }));
      return reply
        .type('application/zip')
        .header('content-disposition', contentDisposition(`${safeFileName(def.title.zh)}.zip`, `${def.id}.zip`))
        .header('x-packet-items', headerJson(items))
        .header('x-page-count', String(result.manifest.totals.pages))
        .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
    });
  });
};
