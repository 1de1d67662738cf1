/**
 * The body of POST /forms/{id}/validate and /render is a document of form {id} (or a batch: an
 * array of them). Its schema is the form's own JSON Schema, so the route declares it and the
 * OpenAPI document lists it (components `form.<id>`, with the common entities as
 * `common.<name>`), but fastify must not validate it: the project's validator
 * (engine.validator, via checkRecords / renderDocument) does, so errors carry our codes, JSON
 * pointers and zh/en texts, and the form is known only after routing on {id}.
 *
 * documentRouteValidatorCompiler does exactly that split: the body passes through untouched; the
 * params and querystring are compiled by a plain ajv (no coercion, defaults applied).
 */
import Ajv from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import type { FormDefinition } from '../forms/registry.js';
import { MAX_RECORDS_PER_DOCUMENT } from '../pipeline/check-records.js';
import { bundleParts, type RefPlacement } from './schema-bundle.js';

export const formComponentName = (id: string): string => `form.${id}`;
export const commonComponentName = (name: string): string => `common.${name}`;

const OPENAPI_PLACEMENT = (formId: string): RefPlacement => ({
  self: `#/components/schemas/${formComponentName(formId)}`,
  common: (name) => `#/components/schemas/${commonComponentName(name)}`,
  wrapRefSiblings: true,
});

/** OpenAPI components for every form and the common entities they use. */
export function documentComponents(forms: ReadonlyMap<string, FormDefinition>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const f of forms.values()) {
    const { form, commons } = bundleParts(f.schema, OPENAPI_PLACEMENT(f.id));
    out[formComponentName(f.id)] = form;
    for (const [name, s] of commons) out[commonComponentName(name)] ??= s;
  }
  return out;
}

/** The route body schema (documentation only; see the module comment). */
export function documentBodySchema(forms: ReadonlyMap<string, FormDefinition>): Record<string, unknown> {
  const one = [...forms.keys()].map((id) => ({ $ref: `#/components/schemas/${formComponentName(id)}` }));
  return {
    description:
      `One document of form {id} (its schema: GET /forms/{id}/schema, or components form.<id>), or a batch: an array of up to ${MAX_RECORDS_PER_DOCUMENT} ` +
      'such records rendered as ONE document. Checked by the form\'s validator after routing, so problems come back with JSON pointers and zh/en text.',
    anyOf: [...one, { type: 'array', maxItems: MAX_RECORDS_PER_DOCUMENT, items: { anyOf: one } }],
  };
}

const paramsAjv = new Ajv.default({ allErrors: false, coerceTypes: false, useDefaults: true, removeAdditional: false, strict: false });

export const documentRouteValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  if (httpPart === 'body') return () => true;
  return paramsAjv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};
