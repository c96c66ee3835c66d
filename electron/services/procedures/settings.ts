/**
 * Per-category review procedures (issue 20): the admin's saved settings, or the
 * category's default (electron/domain/procedures.ts) when none was saved.
 */
import type Database from 'better-sqlite3';
import type { ParsedInputOf } from '#contract/contract';
import { defaultProcedure, type CategoryProcedure, type ConclusionWord, type ProcedureSettings } from '#domain/procedures';
import { prepareCached } from '../../../db/queries/statements';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError, conflict, invalidField, notFound } from '../errors';
import { readSettings } from '../settings';

interface StoredRow {
  timeLimitDays: number | null;
  clockStart: ProcedureSettings['clockStart'];
  signOff: number;
  tracksValidity: number;
  checklist: string;
  conclusionWords: string;
  version: number;
}

const SELECT_STORED = `SELECT time_limit_days AS timeLimitDays, clock_start AS clockStart, sign_off AS signOff,
  tracks_validity AS tracksValidity, checklist, conclusion_words AS conclusionWords, version
  FROM category_procedures WHERE category_id = ?`;

function fromRow(r: StoredRow): ProcedureSettings {
  return {
    timeLimitDays: r.timeLimitDays,
    clockStart: r.clockStart,
    signOff: r.signOff === 1,
    tracksValidity: r.tracksValidity === 1,
    checklist: JSON.parse(r.checklist) as string[],
    conclusionWords: JSON.parse(r.conclusionWords) as ConclusionWord[],
  };
}

interface CategoryRow {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  active: number;
}

function procedureOf(sqlite: Database.Database, cat: CategoryRow, defaultDueDays: number): CategoryProcedure {
  const stored = prepareCached(sqlite, SELECT_STORED).get(cat.id) as StoredRow | undefined;
  const { source, ...defaults } = defaultProcedure(cat.code);
  const settings = stored ? fromRow(stored) : defaults;
  return {
    categoryId: cat.id,
    code: cat.code,
    nameZh: cat.nameZh,
    nameEn: cat.nameEn,
    active: cat.active === 1,
    settings,
    effectiveDays: settings.timeLimitDays ?? defaultDueDays,
    defaults: { ...defaults, source },
    custom: stored !== undefined,
    version: stored?.version ?? 0,
  };
}

const SELECT_CATEGORY = 'SELECT id, code, name_zh AS nameZh, name_en AS nameEn, active FROM categories';

/** The procedure in force for a category. */
export function categoryProcedure(ctx: ServiceContext, categoryId: number): CategoryProcedure {
  const cat = prepareCached(ctx.ledger.sqlite, `${SELECT_CATEGORY} WHERE id = ?`).get(categoryId) as CategoryRow | undefined;
  if (!cat) throw notFound('类别');
  return procedureOf(ctx.ledger.sqlite, cat, readSettings(ctx.ledger.db).defaultDueDays);
}

/** The procedure of the item's category. */
export function procedureOfItem(ctx: ServiceContext, consultationId: number): CategoryProcedure {
  const categoryId = prepareCached(ctx.ledger.sqlite, 'SELECT category_id FROM consultations WHERE id = ?').pluck().get(consultationId) as number | undefined;
  if (categoryId === undefined) throw notFound('咨询事项');
  return categoryProcedure(ctx, categoryId);
}

export function listProcedures(ctx: ServiceContext): CategoryProcedure[] {
  const days = readSettings(ctx.ledger.db).defaultDueDays;
  const cats = ctx.ledger.sqlite.prepare(`${SELECT_CATEGORY} ORDER BY sort_order, id`).all() as CategoryRow[];
  return cats.map((c) => procedureOf(ctx.ledger.sqlite, c, days));
}

export function getProcedure(ctx: ServiceContext, input: ParsedInputOf<'procedures.get'>): CategoryProcedure {
  return categoryProcedure(ctx, input.categoryId);
}

/** Save a category's procedure (version 0: the first save over the default). */
export function saveProcedure(ctx: ServiceContext, input: ParsedInputOf<'procedures.save'>): CategoryProcedure {
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    const before = categoryProcedure(ctx, input.categoryId);
    if (before.version !== input.version) throw conflict();
    if (new Set(input.checklist).size !== input.checklist.length) throw invalidField('checklist', '审查要点不能重复');
    if (new Set(input.conclusionWords.map((w) => w.word)).size !== input.conclusionWords.length) throw invalidField('conclusionWords', '结论用语不能重复');
    const row = {
      categoryId: input.categoryId,
      timeLimitDays: input.timeLimitDays,
      clockStart: input.clockStart,
      signOff: input.signOff ? 1 : 0,
      tracksValidity: input.tracksValidity ? 1 : 0,
      checklist: JSON.stringify(input.checklist),
      conclusionWords: JSON.stringify(input.conclusionWords),
      at: ctx.now().toISOString(),
      who: ctx.caller.username,
    };
    if (before.custom) {
      const r = sqlite
        .prepare(
          `UPDATE category_procedures SET time_limit_days = @timeLimitDays, clock_start = @clockStart, sign_off = @signOff,
             tracks_validity = @tracksValidity, checklist = @checklist, conclusion_words = @conclusionWords,
             version = version + 1, updated_at = @at, updated_by = @who WHERE category_id = @categoryId AND version = @version`,
        )
        .run({ ...row, version: input.version });
      if (r.changes !== 1) throw conflict();
    } else {
      sqlite
        .prepare(
          `INSERT INTO category_procedures (category_id, time_limit_days, clock_start, sign_off, tracks_validity, checklist, conclusion_words, version, updated_at, updated_by)
           VALUES (@categoryId, @timeLimitDays, @clockStart, @signOff, @tracksValidity, @checklist, @conclusionWords, 1, @at, @who)`,
        )
        .run(row);
    }
    const after = categoryProcedure(ctx, input.categoryId);
    appendAudit(ctx, { action: 'procedures.save', entity: 'category', entityId: input.categoryId, before: before.settings, after: after.settings });
    return after;
  });
}

/** Back to the category's default: the saved row is removed. */
export function resetProcedure(ctx: ServiceContext, input: ParsedInputOf<'procedures.reset'>): CategoryProcedure {
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    const before = categoryProcedure(ctx, input.categoryId);
    if (!before.custom) throw new AppError('INVALID_TRANSITION', '该类别已在使用默认设置');
    if (before.version !== input.version) throw conflict();
    sqlite.prepare('DELETE FROM category_procedures WHERE category_id = ?').run(input.categoryId);
    const after = categoryProcedure(ctx, input.categoryId);
    appendAudit(ctx, { action: 'procedures.reset', entity: 'category', entityId: input.categoryId, before: before.settings, after: after.settings });
    return after;
  });
}
