/**
 * Shared set-up for test/schema: one engine, the fixture form (test/schema/fixtures/test-form.schema.json,
 * which $refs the common entities and places every custom keyword) and a valid document for it.
 */
import { readFileSync } from 'node:fs';
import { createAjv } from '../../src/schema/ajv.js';
import { compileFormValidator, type FormValidationResult } from '../../src/schema/validate.js';

export const fixtureUrl = (name: string): URL => new URL(`./fixtures/${name}`, import.meta.url);
export const readJson = (url: URL): Record<string, unknown> => JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;

export const fixtureSchema = readJson(fixtureUrl('test-form.schema.json'));
export const validateFixture = compileFormValidator(createAjv(), fixtureSchema);

/** A document that is valid for the fixture (every keyword exercised and satisfied). */
export const validDoc = () => ({
  certificate: { number: 'Y000041030001213000001', issueDate: '2021-06-30' },
  holder: {
    name: '王建军',
    gender: '男',
    birthDate: '1990-03-15',
    idType: '居民身份证',
    idNumber: '410305199003151230',
    photo: { file: 'assets/photo-1.jpg' },
  },
  occupation: { code: '6-18-01-01', name: '车工', job: '数控车床' },
  level: 3,
  institution: {
    name: '河南豫华重工机械有限公司',
    code: 'Y000041030001',
    institutionType: 'enterprise',
    uscc: '91350100M000100Y43',
    specialAbilityCode: '16015001',
  },
  scope: [{ occupation: { code: '6-18-01-01', name: '车工' }, levels: '5、4、3' }],
  card: { number: 'Y030001210001', type: '内督', issueDate: '2021-09-01' },
  specialAbility: { number: '221601500100001', issueDate: '2022-03-01' },
  contact: { name: '张敏', mobile: '13800000000', landline: '0398-2850339', email: 'a@example.com' },
  urls: { certificate: 'http://jndj.osta.org.cn/', provincial: 'http://ha.osta.org.cn/' },
  options: { profile: 'auto' },
});

/** [pointer, code] pairs of a result's errors (or warnings). */
export const pairs = (issues: FormValidationResult['errors']): [string, string][] => issues.map((i) => [i.pointer, i.code]);
