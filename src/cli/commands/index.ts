import { formsCommand, schemaCommand, exampleCommand } from './info.js';
import { validateCommand } from './validate.js';
import { renderCommand } from './render.js';
import { demoCommand } from './demo.js';
import { institutionCommand } from './institution.js';
import { issueCommand } from './issue.js';
import { reprintCommand } from './reprint.js';
import { voidCommand } from './void.js';
import { verifyCommand } from './verify.js';
import { summaryCommand } from './summary.js';
import { verifyLedgerCommand } from './verify-ledger.js';
import { packetCommand, packetsCommand } from './packet.js';

export interface CliOptions {
  out?: string | undefined;
  format?: string | undefined;
  mode?: string | undefined;
  json?: boolean | undefined;
  photos?: string | undefined;
  issueDate?: string | undefined;
  form?: string | undefined;
  kind?: string | undefined;
  branch?: string | undefined;
  chunkSize?: string | undefined;
  idempotencyKey?: string | undefined;
  db?: string | undefined;
  reason?: string | undefined;
  month?: string | undefined;
  institution?: string | undefined;
}
export type Command = (args: string[], opts: CliOptions) => Promise<number>;

export const commands: Record<string, Command> = {
  forms: formsCommand,
  schema: schemaCommand,
  example: exampleCommand,
  validate: validateCommand,
  render: renderCommand,
  demo: demoCommand,
  institution: institutionCommand,
  issue: issueCommand,
  reprint: reprintCommand,
  void: voidCommand,
  verify: verifyCommand,
  summary: summaryCommand,
  'verify-ledger': verifyLedgerCommand,
  packet: packetCommand,
  packets: packetsCommand,
};
