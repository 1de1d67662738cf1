/**
 * Typed access to document data: the TypeScript type of every form's data is generated from its
 * schema (scripts/gen-types.mjs → src/generated/types), keyed by form id. Code that reads a document
 * known to be valid (e.g. a registry record, validated before it was numbered) names it
 * FormDataById['<form id>'] instead of handling `unknown`.
 */
import { FORM_IDS, type FormDataById, type FormId } from '../generated/types/index.js';

export type { FormDataById, FormId };

const ids: ReadonlySet<string> = new Set(FORM_IDS);

/** True when `id` names a form with a generated type (every registered form has one). */
export const isFormId = (id: string): id is FormId => ids.has(id);
