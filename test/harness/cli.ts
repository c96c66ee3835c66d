/**
 * npm run dev:browser -- --db FILE [--port N]
 * Serves the built renderer and the router on 127.0.0.1 and prints the URL to
 * open in a browser. Ctrl+C stops it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from './server';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string', default: '0' },
  },
});

if (!values.db) {
  console.error('Usage: npm run dev:browser -- --db <file.sqlite3> [--port <n>]');
  process.exit(2);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port: ${values.port}`);
  process.exit(2);
}

const harness = await startHarness({ dbFile: path.resolve(values.db), port });
console.log(`Counsel Ledger (browser harness) on ${harness.url}`);
console.log(`Database: ${path.resolve(values.db)}`);
console.log('Loopback only; press Ctrl+C to stop.');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void harness.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
