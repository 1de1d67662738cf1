#!/usr/bin/env node
/**
 * sef — the command line. Exit codes (documented in the README):
 *   0 success · 1 system failure (browser, disk) · 2 invalid input or usage.
 * Never prints a stack trace: user errors print the bilingual issue table,
 * system errors print one line (set SEF_DEBUG=1 for the stack).
 */
import { parseArgs } from 'node:util';
import { UserError, SystemError } from '../errors/user-error.js';
import { toIssue, messageFor } from '../errors/catalog.js';
import { issueTable } from './output.js';
import { commands } from './commands/index.js';

export const EXIT_OK = 0;
export const EXIT_SYSTEM = 1;
export const EXIT_INPUT = 2;

const HELP = `sef — skill-eval-forms 技能人才评价文书

Usage:
  sef forms                                   list every document
  sef schema  <form-id>                       print a document's JSON Schema
  sef example <form-id> [name]                print an example (default: full)
  sef validate <form-id> <data.json|->  [--json]
  sef render   <form-id> <data.json|->  -o <file> [--format pdf|docx|html] [--mode pages|imposed] [--json]
  sef demo [--out output]                     render every example and the sample packets and batches into output/

Filing packets (备案材料包):
  sef packets [--json]                        list the packet definitions (packets/*.json)
  sef packet <packet-id> <request.json> -o <dir> [--json]
                                              build a packet: packet.pdf, docx/, packet.zip, manifest.json

Batch issuance (registry: --db <file|postgres://…>, else $SEF_DB, else the default file):
  sef institution add <institution.json>      register or update a filed institution
  sef institution list [--json]
  sef issue <institution-id> <roster.xlsx|csv|json> --photos <dir|zip> -o <dir>
            [--issue-date YYYY-MM-DD] [--form <form-id>] [--kind certificate|supervisor-card]
            [--branch <name|code>] [--chunk-size N] [--idempotency-key K] [--json]
  sef reprint <batch-id | certificate-number...> -o <dir> [--reason <text>] [--chunk-size N]
  sef void <certificate-number> --reason <text>
  sef verify <certificate-number> [--json]    the verification record (exit 2 if unknown)
  sef summary --month YYYY-MM --institution <id> -o <dir>   Liaoning 结果汇总表 (JSON + XLSX)
  sef verify-ledger                           check the audit log's hash chain (exit 1 if broken)

Exit codes: 0 ok · 1 system failure · 2 invalid input or usage.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      format: { type: 'string' },
      mode: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      photos: { type: 'string' },
      'issue-date': { type: 'string' },
      form: { type: 'string' },
      kind: { type: 'string' },
      branch: { type: 'string' },
      'chunk-size': { type: 'string' },
      'idempotency-key': { type: 'string' },
      db: { type: 'string' },
      reason: { type: 'string' },
      month: { type: 'string' },
      institution: { type: 'string' },
    },
  });
  const [cmd, ...rest] = positionals;
  if (!cmd || values.help) {
    process.stdout.write(HELP + '\n');
    return cmd || values.help ? EXIT_OK : EXIT_INPUT;
  }
  const run = commands[cmd];
  if (!run) throw new UserError({ pointer: '', code: 'USAGE', params: { reason: `unknown command "${cmd}"; see sef --help` } });
  return run(rest, {
    out: values.out,
    format: values.format,
    mode: values.mode,
    json: values.json,
    photos: values.photos,
    issueDate: values['issue-date'],
    form: values.form,
    kind: values.kind,
    branch: values.branch,
    chunkSize: values['chunk-size'],
    idempotencyKey: values['idempotency-key'],
    db: values.db,
    reason: values.reason,
    month: values.month,
    institution: values.institution,
  });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    const json = process.argv.includes('--json');
    if (e instanceof UserError) {
      const issues = e.issues.map(toIssue);
      if (json) process.stdout.write(JSON.stringify({ ok: false, errors: issues }, null, 2) + '\n');
      else process.stderr.write(`输入有误 / Invalid input (${issues.length}):\n${issueTable(issues)}\n`);
      process.exitCode = EXIT_INPUT;
      return;
    }
    if (e instanceof Error && (e as { code?: string }).code && String((e as { code?: string }).code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`用法错误 / Usage error: ${e.message}\n${HELP}\n`);
      process.exitCode = EXIT_INPUT;
      return;
    }
    const code = e instanceof SystemError ? e.code : ((e as { code?: string })?.code ?? 'SYSTEM');
    const m = messageFor(String(code));
    process.stderr.write(`系统错误 / System error [${code}]: ${m.http === 500 ? (e as Error)?.message ?? String(e) : `${m.zh} / ${m.en}`}\n`);
    if (process.env.SEF_DEBUG) process.stderr.write(String((e as Error)?.stack) + '\n');
    process.exitCode = EXIT_SYSTEM;
  },
);
