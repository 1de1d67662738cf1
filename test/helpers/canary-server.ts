/**
 * A canary HTTP server on 127.0.0.1 (random port) that records every request it gets.
 * Renderer isolation tests put its URL into documents and assert it stays silent
 * (reliability-anchors.md §6.1).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CANARY_TOKEN = 'CANARY-7f3a';

export interface Canary {
  readonly port: number;
  readonly url: string;
  readonly hits: readonly string[];
  close(): Promise<void>;
}

export async function startCanary(): Promise<Canary> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end(CANARY_TOKEN);
  });
  server.on('connection', () => hits.push('connection')); // any TCP connect counts, not only HTTP requests
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { port, url: `http://127.0.0.1:${port}`, hits, close: () => new Promise<void>((r) => server.close(() => r())) };
}
