/**
 * Business dates (收件、出具、采纳登记 …) are never after today (Asia/Shanghai, the
 * service's clock); due dates (办理时限) are the one kind that may be. The same
 * rule as the import (services/import/rows.ts) and the UI (dateRules' notAfter).
 */
import { futureDayZh, isAfterToday } from '#domain/date-input';
import type { ServiceContext } from '../context';
import { invalidField } from '../errors';
import { today } from './read';

export function refuseFuture(ctx: ServiceContext, field: string, day: string, what: string): void {
  const now = today(ctx);
  if (isAfterToday(day, now)) throw invalidField(field, futureDayZh(what, day, now));
}
