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
  sef render   <form-id> <data.json|->  -o <file> [--format pdf|html] [--mode pages|imposed] [--json]
  sef demo [--out output]                     render every example into output/

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
    },
  });
  const [cmd, ...rest] = positionals;
  if (!cmd || values.help) {
    process.stdout.write(HELP + '\n');
    return cmd || values.help ? EXIT_OK : EXIT_INPUT;
  }
  const run = commands[cmd];
  if (!run) throw new UserError({ pointer: '', code: 'USAGE', params: { reason: `unknown command "${cmd}"; see sef --help` } });
  return run(rest, values);
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
