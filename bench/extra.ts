/** Measurements that need more than the database: import of a ledger file, the renderer's first paint. */
import type { Ledger } from '../db/open';
import type { Router } from '../electron/api/router';
import type { ServiceContext } from '../electron/services/context';
import type { Row } from './run';

export interface ExtraDeps {
  dir: string;
  file: string;
  ledger: Ledger;
  ctx: ServiceContext;
  router: Router;
  N: number;
  measure: (fn: () => unknown, runs?: number, warmup?: number) => Promise<Row['product']>;
}

export async function extraMeasurements(_deps: ExtraDeps): Promise<Row[]> {
  return [];
}
