/**
 * The custom keywords (one per file, thin adapters over src/codes) and the annotation-only
 * vocabulary our schemas may carry. createAjv() registers both.
 */
import type { KeywordDefinition } from 'ajv/dist/2020.js';
import { bannedTermsKeyword } from './banned-terms.js';
import { certificateNumberKeyword } from './certificate-number.js';
import { citizenIdKeyword } from './citizen-id.js';
import { institutionCodeKeyword } from './institution-code.js';
import { levelListKeyword } from './level-list.js';
import { officialUrlKeyword } from './official-url.js';
import { specialAbilityNumberKeyword } from './special-ability-number.js';
import { supervisorCardNumberKeyword } from './supervisor-card-number.js';
import { usccKeyword } from './uscc.js';
import { sumKeyword } from './sum.js';
import { advisoryPatternKeyword } from './advisory-pattern.js';
import { withinScopeKeyword } from './within-scope.js';
import { uniqueByKeyword } from './unique-by.js';
import { licensedOccupationKeyword } from './licensed-occupation.js';

export const customKeywords: readonly KeywordDefinition[] = [
  citizenIdKeyword,
  usccKeyword,
  institutionCodeKeyword,
  certificateNumberKeyword,
  supervisorCardNumberKeyword,
  specialAbilityNumberKeyword,
  levelListKeyword,
  bannedTermsKeyword,
  officialUrlKeyword,
  sumKeyword,
  advisoryPatternKeyword,
  withinScopeKeyword,
  uniqueByKeyword,
  licensedOccupationKeyword,
];

const text = { type: 'string', maxLength: 2000 } as const;

/**
 * Annotation keywords (no validation). Each has a meta-schema so a typo in its value fails at compile time.
 *   x-source       the seed citation (文号 + catalogue §), a string or a list of strings
 *   x-title-en     English label of a field whose `title` is Chinese (used in English messages)
 *   x-title-zh     Chinese label of a root schema whose `title` is an English type name
 *   x-label        printed label when it differs from the title (e.g. 身份证号 vs 证件号码)
 *   x-note         free remark for schema readers
 *   x-enum-labels  display labels of enum values (value → label)
 *   tsType         json-schema-to-typescript escape hatch for the generated type
 */
export const annotationKeywords: readonly KeywordDefinition[] = [
  { keyword: 'x-source', metaSchema: { anyOf: [text, { type: 'array', maxItems: 20, items: text }] } },
  { keyword: 'x-title-en', metaSchema: { type: 'string', maxLength: 200 } },
  { keyword: 'x-title-zh', metaSchema: { type: 'string', maxLength: 200 } },
  { keyword: 'x-label', metaSchema: { type: 'string', maxLength: 200 } },
  { keyword: 'x-note', metaSchema: text },
  { keyword: 'x-enum-labels', metaSchema: { type: 'object', maxProperties: 200, additionalProperties: { type: 'string', maxLength: 200 } } },
  { keyword: 'tsType', metaSchema: { type: 'string', maxLength: 500 } },
];
