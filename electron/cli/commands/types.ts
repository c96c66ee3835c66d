import type { CliIo } from '../io';

/** One subcommand: `counsel-ledger <name> ...`. Returns the exit code; throws CliError to refuse. */
export interface Command {
  /** one line for the command list */
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}
