/** What a command may touch of the outside world, so tests can run commands in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** the clock (tests pin it) */
  now(): Date;
}

/** A refusal with a message for the user and the process exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Wrong arguments: exit code 2, like most command-line tools. */
export const usageError = (message: string): CliError => new CliError(message, 2);
