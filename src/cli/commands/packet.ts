/**
 * `sef packet <packet-id> <request.json> -o <dir>`: builds a filing packet (src/packets) and
 * writes packet.pdf, docx/<nn>-<item>.docx, packet.zip (all of them plus the manifest, one
 * download) and manifest.json LAST, each atomically; prints the manifest as a table. Supplied
 * files are the paths under `supplied` in the request, relative to the request file. Bad input
 * writes nothing (every check runs before the first render). `sef packets` lists the definitions.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../errors/user-error.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { createEngine } from '../../pipeline/engine.js';
import { buildPacket, packetRegistry, packetZip, type PacketManifest, type PacketResult } from '../../packets/index.js';
import { loadSuppliedFiles } from '../../packets/load-files.js';
import { readJsonInput } from '../load-input.js';
import { table } from '../output.js';
import type { Command } from './index.js';

export const PACKET_FILES = { pdf: 'packet.pdf', zip: 'packet.zip', manifest: 'manifest.json' } as const;

const STATUS = { present: '已附 present', missing: '缺 missing', 'optional-absent': '免 absent' } as const;
const REQUIREMENT = { required: '必交', 'keep-for-inspection': '备查', optional: '可选', conditional: '视情况' } as const;

export function manifestTable(m: PacketManifest): string {
  const items = table(
    ['序号', '材料 item', '要求', '状态 status', '页码 pages', '文件 files'],
    m.items.map((i) => [
      i.no,
      i.title.length > 34 ? `${i.title.slice(0, 33)}…` : i.title,
      REQUIREMENT[i.requirement],
      i.status === 'optional-absent' && i.requirement === 'keep-for-inspection' ? '备查 kept' : STATUS[i.status],
      i.pages ? (i.pages.from === i.pages.to ? String(i.pages.from) : `${i.pages.from}–${i.pages.to}`) : '—',
      i.files.map((f) => f.path).join(', ') || (i.source === 'generated' && i.status === 'present' ? '(PDF only)' : ''),
    ]),
  );
  const supplied = m.items.flatMap((i) => (i.source === 'supplied' ? i.files.map((f) => [`${f.path} (${i.id})`, String(f.bytes), f.sha256]) : []));
  const files = table(['file', 'bytes', 'sha256'], [...m.files.map((f) => [f.path, String(f.bytes), f.sha256]), ...supplied]);
  const t = m.totals;
  return [
    `${m.title.zh} / ${m.title.en}  [${m.packetId}]`,
    `${m.applicant ? `申请单位 ${m.applicant.name}  ` : ''}份数 ${m.copies.note}  created ${m.createdAt}`,
    '',
    items,
    '',
    files,
    '',
    `items ${t.items}: present ${t.present}, absent ${t.optionalAbsent}, missing ${t.missing} · pages ${t.pages} (contents ${t.coverPages}) · supplied files ${t.suppliedFiles} · docx ${t.docx}`,
  ].join('\n');
}

/** Writes a built packet into `out`: packet.pdf, docx/*.docx, packet.zip, then manifest.json last, each atomically. */
export async function writePacket(result: PacketResult, out: string): Promise<void> {
  try {
    await mkdir(join(out, 'docx'), { recursive: true });
  } catch (e) {
    throw new UserError({ pointer: '/out', code: 'OUTPUT_DIR_UNUSABLE', params: { path: out, reason: (e as NodeJS.ErrnoException).code ?? String(e) } });
  }
  // A manifest vouches for the folder: an old one goes before any file is replaced.
  await rm(join(out, PACKET_FILES.manifest), { force: true });
  await writeFileAtomic(join(out, PACKET_FILES.pdf), result.pdf);
  for (const d of result.docx) await writeFileAtomic(join(out, d.name), d.bytes);
  await writeFileAtomic(join(out, PACKET_FILES.zip), await packetZip(result));
  await writeFileAtomic(join(out, PACKET_FILES.manifest), new TextEncoder().encode(JSON.stringify(result.manifest, null, 2) + '\n'));
}

export const packetCommand: Command = async (args, opts) => {
  const [id, file] = args;
  if (!id || !file || !opts.out) throw new UserError({ pointer: '', code: 'USAGE', params: { reason: 'packet <packet-id> <request.json> -o <dir> [--json]' } });
  packetRegistry().get(id); // an unknown packet is the first thing to report
  const { data: request, baseDir } = readJsonInput(file);
  const files = loadSuppliedFiles(request, baseDir);
  const engine = createEngine();
  try {
    const result = await buildPacket(engine, { packetId: id, request, files });
    const out = opts.out;
    await writePacket(result, out);
    if (opts.json) process.stdout.write(JSON.stringify({ ok: true, dir: out, manifest: result.manifest }, null, 2) + '\n');
    else process.stdout.write(manifestTable(result.manifest) + '\n');
    return 0;
  } finally {
    await engine.close();
  }
};

export const packetsCommand: Command = async (_args, opts) => {
  const list = packetRegistry().list();
  if (opts.json) {
    process.stdout.write(JSON.stringify(list, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(
    table(
      ['id', 'title', 'jurisdiction', 'applicant', 'checklist', 'items (required/kept/optional)'],
      list.map((p) => {
        const n = (r: string) => p.items.filter((i) => i.requirement === r).length;
        return [p.id, p.title.zh, p.jurisdiction, p.applicantTypeZh, `${p.catalogue} ${p.checklistFormId}`, `${p.items.length} (${n('required')}/${n('keep-for-inspection')}/${n('optional') + n('conditional')})`];
      }),
    ) + '\n',
  );
  return 0;
};
