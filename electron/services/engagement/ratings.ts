/**
 * The registrar's rating of the counsel's service when an item closes (满意 /
 * 基本满意 / 不满意, with a note). Kept in its own table, out of the item's detail,
 * so a counsel's account never receives it; the office's screens show it in the
 * item's history (ratings.get).
 */
import type { ParsedInputOf } from '#contract/contract';
import type { ItemRating } from '#contract/engagement-contract';
import type { Rating } from '#domain/engagement';
import { personNameSql } from '../../../db/queries/people';
import type { ServiceContext } from '../context';

/** Inside the close's write transaction; closing again after a reopening replaces the earlier rating. */
export function rateItem(ctx: ServiceContext, consultationId: number, rating: { rating: Rating; note: string }, ratedOn: string): void {
  ctx.ledger.sqlite
    .prepare('INSERT OR REPLACE INTO consultation_ratings (consultation_id, rating, note, rated_on, rated_at, rated_by) VALUES (?, ?, ?, ?, ?, ?)')
    .run(consultationId, rating.rating, rating.note, ratedOn, ctx.now().toISOString(), ctx.caller.username);
}

const SELECT = `SELECT consultation_id AS consultationId, rating, note, rated_on AS ratedOn, ${personNameSql('rated_by')} AS ratedByName FROM consultation_ratings`;

export function getRating(ctx: ServiceContext, input: ParsedInputOf<'ratings.get'>): ItemRating | null {
  const row = ctx.ledger.sqlite.prepare(`${SELECT} WHERE consultation_id = ?`).get(input.consultationId) as (ItemRating & { consultationId: number }) | undefined;
  if (!row) return null;
  const { consultationId: _id, ...rating } = row;
  return rating;
}

export function listRatings(ctx: ServiceContext, input: ParsedInputOf<'ratings.list'>): (ItemRating & { consultationId: number })[] {
  return ctx.ledger.sqlite
    .prepare(`${SELECT} WHERE consultation_id IN (SELECT value FROM json_each(?)) ORDER BY consultation_id`)
    .all(JSON.stringify(input.ids)) as (ItemRating & { consultationId: number })[];
}
