/** The two ends of the exchange (issue 23) as the exchange tests set them up, and how they catch a refused package. */
import path from 'node:path';
import { PackageRefused } from '../../electron/services/exchange/format';
import { setUpIdentity } from '../../electron/services/exchange/identity';
import { seedBasics, tempDir, tempLedger, testApp, type TestApp } from './ledger';

export const OFFICE_PW = 'office-password-1';
export const DESK_PW = 'counsel-password-1';

/** The office: office.sqlite3 in a folder of its own, the clock at 2025-06-10 10:00 Shanghai, the basics seeded. */
export async function officeLedger() {
  const dir = tempDir();
  const office = testApp(tempLedger(path.join(dir, 'office.sqlite3')));
  office.clock.set('2025-06-10T02:00:00.000Z');
  const b = await seedBasics(office);
  return { dir, office, b };
}

/** A counsel's desk beside the office (`<name>.sqlite3` in dir), its keys set up with DESK_PW. */
export function desk(dir: string, name: string): TestApp {
  const app = testApp(tempLedger(path.join(dir, `${name}.sqlite3`)));
  setUpIdentity(app.ctx(), { end: 'counsel', name, password: DESK_PW });
  return app;
}

/** The PackageRefused that fn throws; any other error is thrown on, and nothing thrown fails the test. */
export function refused(fn: () => unknown): PackageRefused {
  try {
    fn();
  } catch (error) {
    if (error instanceof PackageRefused) return error;
    throw error;
  }
  throw new Error('not refused');
}
