import { eq } from 'drizzle-orm';
import { settings as settingsTable } from '../../db/schema';
import type { Settings } from '#domain/types';
import type { ParsedInputOf } from '#contract/contract';
import type { Db } from '../../db/open';
import { appendAudit } from './audit';
import { inWriteTransaction, type ServiceContext } from './context';

const DEFAULTS: Settings = {
  officeName: '',
  serialPrefix: '法咨',
  defaultDueDays: 7,
  reportTemplate:
    '{year}年，我办法律顾问围绕{categories}开展法律咨询{count}次（{items}项），出具法律意见{opinions}份，意见采纳率{adoptionRate}。',
  idleLockMinutes: 15,
  officeNameConfirmed: false,
};

export function readSettings(db: Db): Settings {
  const rows = db.select().from(settingsTable).all();
  const out: Settings = { ...DEFAULTS };
  for (const row of rows) {
    if (Object.hasOwn(DEFAULTS, row.key)) {
      (out as unknown as Record<string, unknown>)[row.key] = JSON.parse(row.value);
    }
  }
  return out;
}

export function getSettings(ctx: ServiceContext): Settings {
  return readSettings(ctx.ledger.db);
}

export function updateSettings(ctx: ServiceContext, input: ParsedInputOf<'settings.update'>): Settings {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = readSettings(ctx.ledger.db);
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined || !Object.hasOwn(DEFAULTS, key) || key === 'officeNameConfirmed') continue;
      const encoded = JSON.stringify(value);
      const existing = ctx.ledger.db.select().from(settingsTable).where(eq(settingsTable.key, key)).get();
      if (existing) ctx.ledger.db.update(settingsTable).set({ value: encoded }).where(eq(settingsTable.key, key)).run();
      else ctx.ledger.db.insert(settingsTable).values({ key, value: encoded }).run();
    }
    // the seeded name (no city) is only a placeholder until an administrator saves a name
    if (input.officeName !== undefined) {
      ctx.ledger.db.insert(settingsTable).values({ key: 'officeNameConfirmed', value: 'true' })
        .onConflictDoUpdate({ target: settingsTable.key, set: { value: 'true' } }).run();
    }
    const after = readSettings(ctx.ledger.db);
    appendAudit(ctx, { action: 'settings.update', entity: 'settings', before, after });
    return after;
  });
}
