/**
 * The one catalogue of error codes: every code → { zh, en, http }. Each area
 * keeps its texts in src/errors/messages/<area>.ts; this module merges them and
 * turns an IssueRef into a ValidationIssue with both languages filled in.
 * test/errors/catalog.test.ts fails when a code is emitted without a text.
 */
import type { MessageText, ValidationIssue } from './issue.js';
import type { IssueRef } from './user-error.js';
import { codeMessages } from './messages/codes.js';
import { renderMessages } from './messages/render.js';
import { schemaMessages } from './messages/schema.js';
import { cliMessages } from './messages/cli.js';
import { batchMessages } from './messages/batch.js';
import { issuanceMessages } from './messages/issuance.js';
import { rosterMessages } from './messages/roster.js';
import { flowMessages } from './messages/flow.js';
import { packetMessages } from './messages/packet.js';
import { apiMessages } from './messages/api.js';
import { apiIssuanceMessages } from './messages/api-issuance.js';

const sources: Record<string, Record<string, MessageText>> = {
  codeMessages,
  renderMessages,
  schemaMessages,
  cliMessages,
  issuanceMessages,
  batchMessages,
  rosterMessages,
  flowMessages,
  packetMessages,
  apiMessages,
  apiIssuanceMessages,
};

export const catalog: ReadonlyMap<string, MessageText> = (() => {
  const m = new Map<string, MessageText>();
  for (const [src, table] of Object.entries(sources))
    for (const [code, text] of Object.entries(table)) {
      if (m.has(code)) throw new Error(`error code ${code} is defined twice (second in ${src})`);
      m.set(code, text);
    }
  return m;
})();

export function interpolate(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (all, k: string) => (k in params ? String(params[k]) : all));
}

export function messageFor(code: string, params?: Readonly<Record<string, string | number>>): { zh: string; en: string; http: number } {
  const t = catalog.get(code);
  if (!t) return { zh: `未知错误（${code}）`, en: `Unknown error (${code})`, http: 500 };
  return { zh: interpolate(t.zh, params), en: interpolate(t.en, params), http: t.http ?? 422 };
}

export function toIssue(ref: IssueRef): ValidationIssue {
  const { zh, en } = ref.zh !== undefined && ref.en !== undefined ? { zh: ref.zh, en: ref.en } : messageFor(ref.code, ref.params);
  return {
    pointer: ref.pointer,
    code: ref.code,
    severity: ref.severity ?? 'error',
    zh,
    en,
    ...(ref.value !== undefined ? { value: ref.value } : {}),
  };
}
