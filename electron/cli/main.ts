/**
 * counsel-ledger: the command line of the ledger, on the same services as the
 * app, in plain Node. Subcommands live in COMMANDS; the import issue adds
 * `import`, the reliability issue `backup`, `restore` and `verify` — each is a
 * Command (commands/types.ts) added to the map.
 */
import { backupCommand, restoreCommand, verifyCommand } from './commands/backup';
import { importCommand } from './commands/import';
import { packageCommand, receiveCommand } from './commands/exchange';
import { reportCommand } from './commands/report';
import type { Command } from './commands/types';
import { AppError, DISK_FULL_MESSAGE, isDiskFull } from '../services/errors';
import { CliError, type CliIo } from './io';

export const COMMANDS: Record<string, Command> = {
  report: reportCommand,
  import: importCommand,
  backup: backupCommand,
  restore: restoreCommand,
  verify: verifyCommand,
  package: packageCommand,
  receive: receiveCommand,
};

function help(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return [
    '法律顾问咨询台账 命令行工具',
    '',
    '用法：counsel-ledger <命令> [选项]',
    '',
    '命令：',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`),
    '',
    '查看某个命令的用法：counsel-ledger <命令> --help',
    '',
  ].join('\n');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`未知的命令：${name}\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`counsel-ledger ${name}：${error.message}\n`);
      return error.exitCode;
    }
    io.err(`counsel-ledger ${name}：${unexpectedMessage(error)}\n`);
    return 1;
  }
}

/**
 * What the user reads for an error no command turned into a CliError: a full
 * disk gets the app's calm message, a refusal its own message, anything else one
 * line with the reason. Never a stack trace (COUNSEL_LEDGER_DEBUG=1 adds it, for
 * the developers).
 */
function unexpectedMessage(error: unknown): string {
  const debug = process.env.COUNSEL_LEDGER_DEBUG === '1' && error instanceof Error ? `\n${error.stack}` : '';
  if (isDiskFull(error)) return `${DISK_FULL_MESSAGE}${debug}`;
  if (error instanceof AppError) return `${error.message}${debug}`;
  const reason = error instanceof Error ? error.message : String(error);
  return `操作未完成：${reason.split('\n')[0]}${debug}`;
}
