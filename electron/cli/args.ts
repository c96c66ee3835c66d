import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { usageError } from './io';

/** A command's arguments, parsed strictly (an unknown option is refused). */
type Parsed<O extends ParseArgsOptionsConfig, P extends boolean> = ReturnType<typeof parseArgs<{ args: string[]; strict: true; allowPositionals: P; options: O }>>;

/** The command's arguments, or a usage error: what was wrong, then the command's usage. */
export function parseCommandArgs<const O extends ParseArgsOptionsConfig, P extends boolean = false>(argv: string[], usage: string, options: O, allowPositionals = false as P): Parsed<O, P> {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals, options });
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${usage}`);
  }
}
