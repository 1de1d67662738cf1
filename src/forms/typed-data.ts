/**
 * Typed access to document data: the TypeScript type of every form's data is generated from its
 * schema (scripts/gen-types.mjs → src/generated/types), keyed by form id. Code that builds or reads
 * a document (the issuance generators, the CLI) goes through parseDocument, so what it holds after
 * validation is the generated type, not `unknown`.
 */
import { FORM_IDS, type FormDataById, type FormId } from '../generated/types/index.js';
import { UserError } from '../errors/user-error.js';
import type { ValidationIssue } from '../errors/issue.js';
import type { FormValidator } from '../schema/validate.js';

export type { FormDataById, FormId };

const ids: ReadonlySet<string> = new Set(FORM_IDS);

/** True when `id` names a form with a generated type (every registered form has one). */
export const isFormId = (id: string): id is FormId => ids.has(id);

/** The form id, or FORM_UNKNOWN (the id usually comes from a user). */
export function requireFormId(id: string): FormId {
  if (!isFormId(id)) throw new UserError({ pointer: '', code: 'FORM_UNKNOWN', params: { id } });
  return id;
}

export interface ParsedDocument<K extends FormId> {
  readonly data: FormDataById[K];
  readonly warnings: readonly ValidationIssue[];
}

/**
 * Validates one document of form `formId` with that form's validator and returns it typed; throws one
 * UserError carrying every error (with pointers) otherwise. Warnings are returned, never thrown.
 */
export function parseDocument<K extends FormId>(validate: FormValidator, _formId: K, data: unknown): ParsedDocument<K> {
  const r = validate(data);
  if (r.errors.length > 0) throw new UserError(r.errors);
  return { data: data as FormDataById[K], warnings: r.warnings };
}
