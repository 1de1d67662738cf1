/**
 * Test fixtures for batch issuance: a temp SQLite registry, institutions, and PreparedRoster
 * objects built directly (the roster reader has its own tests) from the certificate and card
 * examples, with valid GB 11643 ID numbers.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { citizenIdCheckChar } from '../../../src/codes/index.js';
import { readInput } from '../../../src/cli/load-input.js';
import { projectRoot } from '../../../src/paths.js';
import type { InstitutionRecord, IssuanceStore } from '../../../src/issuance/store/types.js';
import type { PreparedRoster } from '../../../src/issuance/roster/types.js';

export const CERT_FORM = 'national-skill-certificate-2021-style-1';
export const CARD_FORM = 'supervisor-id-card';
const example = (form: string, name: string): Record<string, unknown> =>
  readInput(join(projectRoot, 'schemas/forms', form, 'examples', `${name}.json`)) as Record<string, unknown>;

export const tempDir = (tag: string): string => mkdtempSync(join(tmpdir(), `sef-5c-${tag}-`));

/** A valid 18-character ID: region 410305, birth date, 3-digit sequence, check character. */
export function citizenId(birth: string, seq: number): string {
  const body = `410305${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return body + citizenIdCheckChar(body);
}

export const NATIONAL_INSTITUTION = { id: 'yuhua', name: '河南豫华重工机械有限公司', code: 'Y000041030001', profile: 'national' as const };
export const LIAONING_INSTITUTION = { id: 'shengu', name: '沈阳鼓风机集团股份有限公司', code: 'Y000021013002', profile: 'liaoning' as const };

export async function putInstitution(store: IssuanceStore, i: { id: string; name: string; code: string; profile: InstitutionRecord['profile'] }): Promise<InstitutionRecord> {
  return store.putInstitution({ ...i, data: { id: i.id, name: i.name, code: i.code, profile: i.profile } }, 'test');
}

export interface Person { name: string; idNumber: string; birthDate: string; gender: '男' | '女'; level: number; occupation: { code: string; name: string; job?: string } }

export function people(n: number, opts: { levels?: number[]; occupations?: Person['occupation'][] } = {}): Person[] {
  const levels = opts.levels ?? [3];
  const occs = opts.occupations ?? [{ code: '6-18-01-01', name: '车工', job: '数控车床' }];
  const surnames = '王李张刘陈杨赵黄周吴';
  const given = ['建军', '海燕', '志强', '秀英', '伟', '静', '晓明', '丽华'];
  return Array.from({ length: n }, (_, i) => {
    const birth = `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
    const seq = i + 1;
    const gender = ((seq % 1000) % 2 === 1 ? '男' : '女') as Person['gender'];
    return {
      name: surnames[i % 10]! + given[i % given.length]!,
      idNumber: citizenId(birth, seq),
      birthDate: birth,
      gender,
      level: levels[i % levels.length]!,
      occupation: occs[i % occs.length]!,
    };
  });
}

/** A certificate roster, prepared as 5B's prepareRoster would hand it over. */
export function preparedCertificates(ps: readonly Person[], opts: { issueDate: string; institution?: typeof NATIONAL_INSTITUTION | typeof LIAONING_INSTITUTION; tag?: string }): PreparedRoster {
  const inst = opts.institution ?? NATIONAL_INSTITUTION;
  const base = example(CERT_FORM, 'full');
  const yy = opts.issueDate.slice(2, 4);
  const items = ps.map((p, i) => {
    const { certificate: _c, ...rest } = base;
    const record = {
      ...rest,
      certificate: { issueDate: opts.issueDate },
      holder: { ...(base['holder'] as object), name: p.name, gender: p.gender, birthDate: p.birthDate, idNumber: p.idNumber },
      occupation: p.occupation,
      level: p.level,
      institution: { ...(base['institution'] as object), name: inst.name, code: inst.code },
    };
    const counterKey = `${inst.code}${yy}${p.level}`;
    return { row: i + 2, subject: p.idNumber, counterKey, maxSerial: 999_999, level: p.level, record: record as Record<string, unknown> };
  });
  return {
    formId: CERT_FORM,
    kind: 'certificate',
    issueDate: opts.issueDate,
    items,
    errors: [],
    warnings: [],
    rows: ps.length,
    numberFor: (k, s) => `${k}${String(s).padStart(6, '0')}`,
    numberPointer: '/certificate/number',
    source: { file: '/nonexistent/roster.json', format: 'json', sha256: createHash('sha256').update(JSON.stringify(ps) + (opts.tag ?? '')).digest('hex') },
  };
}

/** A 外督 supervisor-card roster issued by authority 41. */
export function preparedCards(n: number, issueDate: string): PreparedRoster {
  const base = example(CARD_FORM, 'full');
  const yy = issueDate.slice(2, 4);
  const items = people(n).map((p, i) => {
    const { card, ...rest } = base as { card: Record<string, unknown> };
    const record = {
      ...rest,
      holder: { ...(base['holder'] as object), name: p.name.slice(0, 3), gender: p.gender, birthDate: p.birthDate, idNumber: p.idNumber },
      card: { kind: card['kind'], issueDate },
    };
    return { row: i + 2, subject: p.idNumber, counterKey: `R:41:${yy}`, maxSerial: 9_999, record: record as Record<string, unknown> };
  });
  return {
    formId: CARD_FORM,
    kind: 'supervisor-card',
    issueDate,
    items,
    errors: [],
    warnings: [],
    rows: n,
    numberFor: (_k, s) => `R41${yy}${String(s).padStart(4, '0')}`,
    numberPointer: '/card/number',
    source: { file: '/nonexistent/cards.json', format: 'json', sha256: createHash('sha256').update(`cards${n}${issueDate}`).digest('hex') },
  };
}

/** Every certificate-number-shaped token in a PDF's text (pdftotext, layout off). */
export function numbersInPdf(file: string, pattern = /[YS]\d{21}/g): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return [...text.matchAll(pattern)].map((m) => m[0]);
}
