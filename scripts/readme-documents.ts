/**
 * Prints the README's documents table from the registry, or with --write replaces it in README.md
 * between the documents-table markers. test/forms/readme-table.test.ts fails when they differ.
 *
 *   npx tsx scripts/readme-documents.ts [--write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formRegistry } from '../src/forms/registry.js';
import { documentsTable, withDocumentsTable } from '../src/forms/documents-table.js';
import { projectRoot } from '../src/paths.js';

const table = documentsTable(formRegistry().values());
if (process.argv.includes('--write')) {
  const file = join(projectRoot, 'README.md');
  writeFileSync(file, withDocumentsTable(readFileSync(file, 'utf8'), table));
  process.stdout.write(`README.md: documents table rewritten (${table.split('\n').length - 2} rows)\n`);
} else process.stdout.write(table + '\n');
