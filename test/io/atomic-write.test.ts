/**
 * R-IO-1: never a half-written file. A child process writing 5 MiB files with
 * writeFileAtomic is SIGKILLed at random moments; every file at a final name is
 * complete, and the only other thing left is a dot-temp that was never renamed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, writeFileAtomic } from '../../src/io/atomic-write.js';
import { FILE_BYTES, expectedBytes, targetName } from './fixtures/atomic-writer.js';

const WRITER = join(import.meta.dirname, 'fixtures', 'atomic-writer.ts');
const TEMP_NAME = /^\.out-\d\.bin\.\d+\.[0-9a-f]{12}\.tmp$/;

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'atomic-test-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Runs the writer until `start <killAtSeq>` appears, waits `delayMs`, SIGKILLs it. Returns the seqs it reported done. */
async function runAndKill(dir: string, killAtSeq: number, delayMs: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const done: number[] = [];
  child.stdout.on('error', () => {}); // a SIGKILLed writer may reset the pipe
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
  let scheduled = false;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [what, n] = line.split(' ');
    if (what === 'done') done.push(Number(n));
    if (what === 'start' && Number(n) === killAtSeq && !scheduled) {
      scheduled = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  await exited;
  clearTimeout(guard);
  return done;
}

describe('writeFileAtomic', () => {
  it('survives SIGKILL mid-write: final names hold complete files or nothing', async () => {
    let tempsLeft = 0;
    for (let round = 0; round < 6; round++) {
      const dir = join(root, `kill-${round}`);
      mkdirSync(dir);
      const done = await runAndKill(dir, round % 4, round * 3);
      const names = readdirSync(dir);
      for (const name of names) {
        if (TEMP_NAME.test(name)) {
          tempsLeft++;
          continue;
        }
        expect(name).toMatch(/^out-\d\.bin$/);
        const bytes = readFileSync(join(dir, name));
        expect(bytes.length, name).toBe(FILE_BYTES);
        const seq = Number(bytes.readBigUInt64BE(0));
        expect(targetName(seq)).toBe(name);
        expect(sha256Hex(bytes), name).toBe(sha256Hex(expectedBytes(seq)));
      }
      // whatever the child reported written is there (or was replaced by a later complete write)
      for (const seq of done) expect(names).toContain(targetName(seq));
    }
    // the kills did land mid-write (a temp never renamed), not only between writes
    expect(tempsLeft).toBeGreaterThan(0);
  }, 30_000);

  it('writes, replaces, and hashes', async () => {
    const file = join(root, 'plain.bin');
    await writeFileAtomic(file, new TextEncoder().encode('first'));
    await writeFileAtomic(file, new TextEncoder().encode('abc'));
    expect(readFileSync(file, 'utf8')).toBe('abc');
    expect(sha256Hex(readFileSync(file))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(readdirSync(root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('removes its temp when the rename fails', async () => {
    const dir = join(root, 'fail');
    mkdirSync(join(dir, 'target'), { recursive: true }); // a directory where the file should go
    writeFileSync(join(dir, 'keep'), 'x');
    await expect(writeFileAtomic(join(dir, 'target'), new Uint8Array(10))).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['keep', 'target']);
  });
});
