import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The project root (where package.json, schemas/ and fonts/ live). */
export const projectRoot = fileURLToPath(new URL('../', import.meta.url));
export const schemasDir = join(projectRoot, 'schemas');
export const formsDir = join(schemasDir, 'forms');
export const templatesDir = join(projectRoot, 'templates');
