import { formsCommand, schemaCommand, exampleCommand } from './info.js';
import { validateCommand } from './validate.js';
import { renderCommand } from './render.js';
import { demoCommand } from './demo.js';

export interface CliOptions {
  out?: string | undefined;
  format?: string | undefined;
  mode?: string | undefined;
  json?: boolean | undefined;
}
export type Command = (args: string[], opts: CliOptions) => Promise<number>;

export const commands: Record<string, Command> = {
  forms: formsCommand,
  schema: schemaCommand,
  example: exampleCommand,
  validate: validateCommand,
  render: renderCommand,
  demo: demoCommand,
};
