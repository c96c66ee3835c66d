/**
 * Which end this copy is (electron/domain/ends.ts), and a counsel's desk's first start: the
 * owner's account and the desk's key pairs, sealed under the owner's password, in one
 * transaction. The end is read from the database itself — a desk is a database whose own
 * exchange key is a counsel's — so it travels with every backup and cannot be switched
 * without a trace: the key is never replaced (identity.ts) and the first account is made once.
 */
import type Database from 'better-sqlite3';
import type { AppEnd } from '#domain/ends';
import type { AuthStatus } from '#domain/types';
import { prepareCached } from '../../../db/queries/statements';
import { appendAudit } from '../audit';
import { setupFirstAccount } from '../accounts/accounts';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { resealIdentity } from './keys';
import { ownIdentity, setUpIdentity } from './identity';

/** The end is fixed once chosen: remembered per open database. */
const chosenEnds = new WeakMap<Database.Database, AppEnd>();

/** This copy's end: 'desk' when its own exchange key is a counsel's, 'office' once any account exists, else null (first start). */
export function appEnd(sqlite: Database.Database): AppEnd | null {
  const known = chosenEnds.get(sqlite);
  if (known) return known;
  const own = prepareCached(sqlite, "SELECT end FROM exchange_identity WHERE id = 1").pluck().get() as string | undefined;
  const end: AppEnd | null = own === 'counsel' ? 'desk' : prepareCached(sqlite, 'SELECT 1 FROM users LIMIT 1').get() ? 'office' : null;
  if (end) chosenEnds.set(sqlite, end);
  return end;
}

/** 法律顾问端's first start: the owner's account (the desk's one account) and its key pairs, sealed under the same password. */
export function setUpDesk(ctx: ServiceContext, input: { username: string; displayName: string; password: string }): Promise<AuthStatus> {
  if (appEnd(ctx.ledger.sqlite) !== null) throw new AppError('INVALID_TRANSITION', '本机已经设置过了，请直接登录');
  return setupFirstAccount(ctx, input, 'desk.setup', (owner) => {
    setUpIdentity(owner, { end: 'counsel', name: input.displayName, password: input.password });
  });
}

/**
 * At a desk the owner's password seals the exchange keys: when it changes, they are sealed
 * again under the new one (inside the password change's transaction). Nothing to do at the office.
 */
export function resealDeskKeys(ctx: ServiceContext, oldPassword: string, newPassword: string): void {
  const { sqlite } = ctx.ledger;
  const own = ownIdentity(sqlite);
  if (!own || own.public.end !== 'counsel') return;
  // a seal the old password does not open is refused (the change with it), never overwritten
  const sealed = resealIdentity(own, oldPassword, newPassword);
  sqlite.prepare('UPDATE exchange_identity SET sealed_private = ? WHERE id = 1').run(sealed);
  appendAudit(ctx, { action: 'exchange.resealKey', entity: 'exchange_key', entityId: own.public.fingerprint });
}
