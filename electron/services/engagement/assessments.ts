/**
 * The yearly assessment (年度履职考核) of a firm: scored on a copy of the template
 * in force when it was opened; the grade follows from the template
 * (domain/engagement.ts scoreAssessment); signing off locks it; only the admin
 * reopens it, with a reason. Every step is audited.
 */
import type Database from 'better-sqlite3';
import type { ParsedInputOf } from '#contract/contract';
import type { Assessment } from '#contract/engagement-contract';
import { DEFAULT_ASSESSMENT_TEMPLATE, scoreAssessment, type AssessmentTemplate, type HeadScore } from '#domain/engagement';
import { personNameSql } from '../../../db/queries/people';
import { appendAudit } from '../audit';
import { auditedUpdate } from '../audited';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError, conflict, invalidField, notFound } from '../errors';
import { getFirm } from './firms';

const TEMPLATE_KEY = 'assessmentTemplate';

export function readTemplate(sqlite: Database.Database): AssessmentTemplate {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(TEMPLATE_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as AssessmentTemplate) : DEFAULT_ASSESSMENT_TEMPLATE;
}

export function getTemplate(ctx: ServiceContext): AssessmentTemplate {
  return readTemplate(ctx.ledger.sqlite);
}

export function setTemplate(ctx: ServiceContext, input: ParsedInputOf<'assessments.setTemplate'>): AssessmentTemplate {
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    const before = readTemplate(sqlite);
    sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(TEMPLATE_KEY, JSON.stringify(input.template));
    const after = readTemplate(sqlite);
    appendAudit(ctx, { action: 'assessments.setTemplate', entity: 'settings', entityId: TEMPLATE_KEY, before, after });
    return after;
  });
}

interface Row {
  id: number;
  firmId: number;
  firmName: string;
  year: number;
  template: string;
  scores: string;
  vetoes: string;
  selfAssessment: string;
  remarks: string;
  status: 'draft' | 'signed';
  signedAt: string | null;
  signedByName: string | null;
  version: number;
  updatedAt: string;
}

const SELECT = `SELECT a.id, a.firm_id AS firmId, f.name AS firmName, a.year, a.template, a.scores, a.vetoes, a.self_assessment AS selfAssessment,
  a.remarks, a.status, a.signed_at AS signedAt, CASE WHEN a.signed_by IS NULL THEN NULL ELSE ${personNameSql('a.signed_by')} END AS signedByName,
  a.version, a.updated_at AS updatedAt FROM assessments a JOIN firms f ON f.id = a.firm_id`;

function toAssessment(r: Row): Assessment {
  const template = JSON.parse(r.template) as AssessmentTemplate;
  const scores = JSON.parse(r.scores) as Record<string, HeadScore>;
  const vetoes = JSON.parse(r.vetoes) as string[];
  const { totalTenths, grade, vetoed } = scoreAssessment(template, scores, vetoes);
  return { ...r, template, scores, vetoes, totalTenths, grade, vetoed };
}

function load(sqlite: Database.Database, id: number): Assessment {
  const row = sqlite.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('考核表');
  return toAssessment(row);
}

export function getAssessmentById(ctx: ServiceContext, id: number): Assessment {
  return load(ctx.ledger.sqlite, id);
}

export function getAssessment(ctx: ServiceContext, input: ParsedInputOf<'assessments.get'>): Assessment | null {
  const row = ctx.ledger.sqlite.prepare(`${SELECT} WHERE a.firm_id = ? AND a.year = ?`).get(input.firmId, input.year) as Row | undefined;
  return row ? toAssessment(row) : null;
}

export function openAssessment(ctx: ServiceContext, input: ParsedInputOf<'assessments.open'>): Assessment {
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    getFirm(ctx, input.firmId);
    const existing = getAssessment(ctx, input);
    if (existing) return existing;
    const now = ctx.now().toISOString();
    const who = ctx.caller.username;
    const id = Number(
      sqlite
        .prepare(
          `INSERT INTO assessments (firm_id, year, template, status, version, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, 'draft', 1, ?, ?, ?, ?)`,
        )
        .run(input.firmId, input.year, JSON.stringify(readTemplate(sqlite)), now, who, now, who).lastInsertRowid,
    );
    const created = load(sqlite, id);
    appendAudit(ctx, { action: 'assessments.open', entity: 'assessment', entityId: id, after: created });
    return created;
  });
}

function checkScores(template: AssessmentTemplate, scores: Record<string, HeadScore>, vetoes: readonly string[]): void {
  for (const [key, score] of Object.entries(scores)) {
    const head = template.heads.find((h) => h.key === key);
    if (!head) throw invalidField(`scores.${key}`, `考核表中没有“${key}”这一项`);
    if (score.tenths > head.weight * 10) throw invalidField(`scores.${key}`, `“${head.name}”最多 ${head.weight} 分`);
  }
  for (const v of vetoes) if (!template.vetoes.some((t) => t.key === v)) throw invalidField('vetoes', `考核表中没有“${v}”这一一票否决项`);
}

function locked(): AppError {
  return new AppError('INVALID_TRANSITION', '考核表已签署锁定，不能修改。如需修改，请管理员填写原因后重新打开。');
}

export function saveAssessment(ctx: ServiceContext, input: ParsedInputOf<'assessments.save'>): Assessment {
  const { sqlite } = ctx.ledger;
  return auditedUpdate(ctx, { action: 'assessments.save', entity: 'assessment' }, input, (id) => load(sqlite, id), (before) => {
    if (before.status === 'signed') throw locked();
    checkScores(before.template, input.scores, input.vetoes);
    const vetoes = [...new Set(input.vetoes)];
    sqlite
      .prepare(
        `UPDATE assessments SET scores = ?, vetoes = ?, self_assessment = ?, remarks = ?, version = version + 1, updated_at = ?, updated_by = ?
         WHERE id = ? AND version = ?`,
      )
      .run(JSON.stringify(input.scores), JSON.stringify(vetoes), input.selfAssessment, input.remarks, ctx.now().toISOString(), ctx.caller.username, input.id, input.version);
  });
}

export function signAssessment(ctx: ServiceContext, input: ParsedInputOf<'assessments.sign'>): Assessment {
  const { sqlite } = ctx.ledger;
  return auditedUpdate(ctx, { action: 'assessments.sign', entity: 'assessment' }, input, (id) => load(sqlite, id), (before) => {
    if (before.status === 'signed') throw locked();
    const result = scoreAssessment(before.template, before.scores, before.vetoes);
    if (result.grade === null) {
      const names = before.template.heads.filter((h) => result.missing.includes(h.key)).map((h) => h.name);
      throw invalidField('scores', `以下考核项目尚未评分：${names.join('、')}`);
    }
    const now = ctx.now().toISOString();
    sqlite
      .prepare(`UPDATE assessments SET status = 'signed', signed_at = ?, signed_by = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`)
      .run(now, ctx.caller.username, now, ctx.caller.username, input.id);
  });
}

export function reopenAssessment(ctx: ServiceContext, input: ParsedInputOf<'assessments.reopen'>): Assessment {
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    const before = load(sqlite, input.id);
    if (before.version !== input.version) throw conflict();
    if (before.status !== 'signed') throw new AppError('INVALID_TRANSITION', '考核表尚未签署，无需重新打开');
    sqlite
      .prepare(`UPDATE assessments SET status = 'draft', signed_at = NULL, signed_by = NULL, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`)
      .run(ctx.now().toISOString(), ctx.caller.username, input.id);
    const after = load(sqlite, input.id);
    appendAudit(ctx, { action: 'assessments.reopen', entity: 'assessment', entityId: input.id, before, after: { ...after, reason: input.reason } });
    return after;
  });
}
