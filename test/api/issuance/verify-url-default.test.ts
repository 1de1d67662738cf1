/**
 * The QR code's verifyUrlBase: prepareRoster writes the service's default only when the institution
 * files none of its own and the caller passes one (the service does; the CLI does not, so its records
 * keep the form's default, as before).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { prepareRoster } from '../../../src/issuance/roster/prepare.js';
import type { InstitutionRecord } from '../../../src/issuance/store/types.js';
import { generateRoster } from '../../issuance/cli/roster-gen.js';
import { tempDir } from '../../issuance/batch/fixtures.js';
import { institution } from '../../issuance/roster/fixtures.js';

const options = (r: Record<string, unknown>) => r['options'] as { verifyUrlBase?: string };

describe('prepareRoster: defaultVerifyUrlBase', () => {
  it('is used when the institution has no verifyUrlBase, ignored when it has one, absent without it', async () => {
    const roster = await generateRoster(join(tempDir('verify-url'), 'r'), 2);
    const inst = institution();
    const base = { institution: inst, file: roster.file, photos: roster.photos, issueDate: '2024-06-28' };
    const service = await prepareRoster({ ...base, defaultVerifyUrlBase: 'https://sef.example/verify/' });
    expect(service.errors).toEqual([]);
    expect(service.items.map((i) => options(i.record).verifyUrlBase)).toEqual(['https://sef.example/verify/', 'https://sef.example/verify/']);
    const cli = await prepareRoster(base);
    expect(cli.items.map((i) => options(i.record).verifyUrlBase)).toEqual([undefined, undefined]);
    const own: InstitutionRecord = { ...inst, data: { ...inst.data, verifyUrlBase: 'https://own.example/?n=' } };
    const filed = await prepareRoster({ ...base, institution: own, defaultVerifyUrlBase: 'https://sef.example/verify/' });
    expect(filed.items.map((i) => options(i.record).verifyUrlBase)).toEqual(['https://own.example/?n=', 'https://own.example/?n=']);
  });
});
