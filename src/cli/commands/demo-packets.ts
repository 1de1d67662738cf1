/**
 * The demo's filing packets: every example request under packets/examples/ built exactly as
 * `sef packet` builds it, into <out>/<packet-id>/ (packet.pdf, docx/, packet.zip, manifest.json).
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Engine } from '../../pipeline/engine.js';
import { buildPacket } from '../../packets/index.js';
import { loadSuppliedFiles } from '../../packets/load-files.js';
import { projectRoot } from '../../paths.js';
import { readJsonInput } from '../load-input.js';
import { writePacket } from './packet.js';

const EXAMPLES = join(projectRoot, 'packets', 'examples');

export interface DemoPacket { readonly id: string; readonly pages: number; readonly items: string; readonly docx: number; readonly dir: string }

export async function demoPackets(engine: Engine, outRoot: string): Promise<DemoPacket[]> {
  const out: DemoPacket[] = [];
  for (const f of readdirSync(EXAMPLES).filter((n) => n.endsWith('.request.json')).sort()) {
    const id = f.slice(0, -'.request.json'.length);
    const { data: request, baseDir } = readJsonInput(join(EXAMPLES, f));
    const result = await buildPacket(engine, { packetId: id, request, files: loadSuppliedFiles(request, baseDir), creationDate: new Date(0) });
    const dir = join(outRoot, id);
    await writePacket(result, dir);
    const t = result.manifest.totals;
    out.push({ id, pages: t.pages, items: `${t.present} / ${t.optionalAbsent} / ${t.missing}`, docx: t.docx, dir: relative(process.cwd(), dir) || dir });
  }
  return out;
}
