#!/usr/bin/env node
/** Entry of the `counsel-ledger` command (built to out/cli/counsel-ledger.mjs by vite.cli.config.ts). */
import { main } from './main';

// `counsel-ledger report ... | head`: a reader that stops early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  now: () => new Date(),
});
process.exitCode = code;
