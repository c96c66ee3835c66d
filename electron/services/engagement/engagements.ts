/**
 * Engagements (聘用合同) with a firm, their payments, the reminders of a term
 * running out, and the check that an assignment falls within the counsel's
 * firm's engagement. Money is integer fen throughout.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ParsedInputOf } from '#contract/contract';
import type { Engagement, EngagementReminder, EngagementYear, Payment } from '#contract/engagement-contract';
import { addDays, daysBetween, shanghaiDay } from '#domain/dates';
import { ENGAGEMENT_REMINDER_DAYS } from '#domain/engagement';
import { MAX_ATTACHMENT_BYTES } from '#domain/types';
import { personNameSql } from '../../../db/queries/people';
import { appendAudit } from '../audit';
import { host, tooBig, writeFileAtomic } from '../attachments/attachments';
import { cleanAttachmentName } from '../attachments/file-name';
import { judgeFileType } from '../attachments/file-type';
import { attachmentDamaged } from '../attachments/integrity';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError, conflict, invalidField, notFound } from '../errors';
import { refuseFuture } from '../consultations/not-future';
import { getFirm } from './firms';

type EngagementRow = Omit<Engagement, 'duties' | 'contractFile' | 'payments' | 'years'> & {
  /** JSON array of strings */
  duties: string;
  contractFileName: string | null;
  contractMimeType: string | null;
  contractSize: number | null;
};

const SELECT = `SELECT e.id, e.firm_id AS firmId, f.name AS firmName, e.contract_no AS contractNo, e.term_from AS termFrom,
  e.term_to AS termTo, e.annual_fee_fen AS annualFeeFen, e.payment_terms AS paymentTerms, e.duties, e.filed_on AS filedOn,
  e.contract_file_name AS contractFileName, e.contract_mime_type AS contractMimeType,
  (SELECT b.size FROM attachment_blobs b WHERE b.sha256 = e.contract_sha256) AS contractSize, e.version
  FROM engagements e JOIN firms f ON f.id = e.firm_id`;

function daysInYear(year: number): number {
  return daysBetween(`${year}-01-01`, `${year + 1}-01-01`);
}

/** The fee agreed for each calendar year the term touches (pro rata by days, whole fen rounded down), and the payments dated in it. */
export function engagementYears(termFrom: string, termTo: string, annualFeeFen: number, payments: readonly Payment[]): EngagementYear[] {
  const paid = new Map<number, number>();
  for (const p of payments) if (p.voidedAt === null) paid.set(Number(p.paidOn.slice(0, 4)), (paid.get(Number(p.paidOn.slice(0, 4))) ?? 0) + p.amountFen);
  const agreed = new Map<number, number>();
  for (let y = Number(termFrom.slice(0, 4)); y <= Number(termTo.slice(0, 4)); y += 1) {
    const from = termFrom > `${y}-01-01` ? termFrom : `${y}-01-01`;
    const to = termTo < `${y}-12-31` ? termTo : `${y}-12-31`;
    const days = daysBetween(from, to) + 1;
    agreed.set(y, days === daysInYear(y) ? annualFeeFen : Math.floor((annualFeeFen * days) / daysInYear(y)));
  }
  // a payment dated outside the term still shows, in its own year, against nothing agreed
  return [...new Set([...agreed.keys(), ...paid.keys()])]
    .sort((a, b) => a - b)
    .map((year) => ({ year, agreedFen: agreed.get(year) ?? 0, paidFen: paid.get(year) ?? 0 }));
}

function paymentsOf(sqlite: Database.Database, engagementId: number): Payment[] {
  return sqlite
    .prepare(
      `SELECT id, engagement_id AS engagementId, paid_on AS paidOn, amount_fen AS amountFen, voucher_no AS voucherNo, note,
        created_at AS createdAt, ${personNameSql('created_by')} AS createdByName, voided_at AS voidedAt, void_reason AS voidReason
       FROM engagement_payments WHERE engagement_id = ? ORDER BY paid_on, id`,
    )
    .all(engagementId) as Payment[];
}

function toEngagement(sqlite: Database.Database, r: EngagementRow): Engagement {
  const payments = paymentsOf(sqlite, r.id);
  const { contractFileName, contractMimeType, contractSize, duties, ...rest } = r;
  return {
    ...rest,
    duties: JSON.parse(duties) as string[],
    contractFile: contractFileName === null ? null : { fileName: contractFileName, mimeType: contractMimeType ?? 'application/octet-stream', size: contractSize ?? 0 },
    payments,
    years: engagementYears(r.termFrom, r.termTo, r.annualFeeFen, payments),
  };
}

export function listEngagements(ctx: ServiceContext, input: ParsedInputOf<'engagements.list'>): Engagement[] {
  const { sqlite } = ctx.ledger;
  const rows = (input.firmId === undefined
    ? sqlite.prepare(`${SELECT} ORDER BY e.term_from DESC, e.id DESC`).all()
    : sqlite.prepare(`${SELECT} WHERE e.firm_id = ? ORDER BY e.term_from DESC, e.id DESC`).all(input.firmId)) as EngagementRow[];
  return rows.map((r) => toEngagement(sqlite, r));
}

export function getEngagement(ctx: ServiceContext, id: number): Engagement {
  const row = ctx.ledger.sqlite.prepare(`${SELECT} WHERE e.id = ?`).get(id) as EngagementRow | undefined;
  if (!row) throw notFound('聘用合同');
  return toEngagement(ctx.ledger.sqlite, row);
}

function contractNoTaken(sqlite: Database.Database, contractNo: string, except = 0): boolean {
  return sqlite.prepare('SELECT 1 FROM engagements WHERE contract_no = ? AND id <> ?').get(contractNo, except) !== undefined;
}

const TAKEN = (no: string) => new AppError('CONFLICT', `合同编号“${no}”已被使用`, [{ path: 'contractNo', message: '合同编号已被使用' }]);

export function createEngagement(ctx: ServiceContext, input: ParsedInputOf<'engagements.create'>): Engagement {
  const { sqlite } = ctx.ledger;
  if (input.filedOn) refuseFuture(ctx, 'filedOn', input.filedOn, '备案日期');
  return inWriteTransaction(sqlite, () => {
    getFirm(ctx, input.firmId);
    if (contractNoTaken(sqlite, input.contractNo)) throw TAKEN(input.contractNo);
    const id = Number(
      sqlite
        .prepare(
          `INSERT INTO engagements (firm_id, contract_no, term_from, term_to, annual_fee_fen, payment_terms, duties, filed_on, version, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        )
        .run(input.firmId, input.contractNo, input.termFrom, input.termTo, input.annualFeeFen, input.paymentTerms, JSON.stringify(input.duties), input.filedOn, ctx.now().toISOString(), ctx.caller.username)
        .lastInsertRowid,
    );
    const created = getEngagement(ctx, id);
    appendAudit(ctx, { action: 'engagements.create', entity: 'engagement', entityId: id, after: { ...created, payments: undefined, years: undefined } });
    return created;
  });
}

const auditView = (e: Engagement) => ({ ...e, payments: undefined, years: undefined });

export function updateEngagement(ctx: ServiceContext, input: ParsedInputOf<'engagements.update'>): Engagement {
  const { sqlite } = ctx.ledger;
  if (input.filedOn) refuseFuture(ctx, 'filedOn', input.filedOn, '备案日期');
  return inWriteTransaction(sqlite, () => {
    const before = getEngagement(ctx, input.id);
    if (before.version !== input.version) throw conflict();
    const next = {
      contractNo: input.contractNo ?? before.contractNo,
      termFrom: input.termFrom ?? before.termFrom,
      termTo: input.termTo ?? before.termTo,
      annualFeeFen: input.annualFeeFen ?? before.annualFeeFen,
      paymentTerms: input.paymentTerms ?? before.paymentTerms,
      duties: input.duties ?? before.duties,
      filedOn: input.filedOn === undefined ? before.filedOn : input.filedOn,
    };
    if (next.termTo < next.termFrom) throw invalidField('termTo', '合同期限的结束日期不能早于开始日期');
    if (contractNoTaken(sqlite, next.contractNo, input.id)) throw TAKEN(next.contractNo);
    sqlite
      .prepare(
        `UPDATE engagements SET contract_no = ?, term_from = ?, term_to = ?, annual_fee_fen = ?, payment_terms = ?, duties = ?, filed_on = ?,
           version = version + 1 WHERE id = ? AND version = ?`,
      )
      .run(next.contractNo, next.termFrom, next.termTo, next.annualFeeFen, next.paymentTerms, JSON.stringify(next.duties), next.filedOn, input.id, input.version);
    const after = getEngagement(ctx, input.id);
    appendAudit(ctx, { action: 'engagements.update', entity: 'engagement', entityId: input.id, before: auditView(before), after: auditView(after) });
    return after;
  });
}

/**
 * The signed contract file: the attachments' guards (cleaned name, size limit,
 * type judged by content, bytes stored content-addressed in attachment_blobs in
 * the same transaction as the row and its audit record). Never opened, only saved.
 */
export function uploadContract(ctx: ServiceContext, input: ParsedInputOf<'engagements.uploadContract'>): Engagement {
  const fileName = cleanAttachmentName(input.fileName);
  const data = Buffer.from(input.dataBase64, 'base64');
  if (data.length > MAX_ATTACHMENT_BYTES) throw tooBig(fileName, data.length);
  if (data.length === 0) throw new AppError('VALIDATION', `文件“${fileName}”是空文件`);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const mimeType = judgeFileType(fileName, data);
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    const before = getEngagement(ctx, input.id);
    if (before.version !== input.version) throw conflict();
    sqlite.prepare('INSERT OR IGNORE INTO attachment_blobs (sha256, size, data, extracted_text) VALUES (?, ?, ?, NULL)').run(sha256, data.length, data);
    sqlite
      .prepare('UPDATE engagements SET contract_file_name = ?, contract_mime_type = ?, contract_sha256 = ?, version = version + 1 WHERE id = ?')
      .run(fileName, mimeType, sha256, input.id);
    const after = getEngagement(ctx, input.id);
    appendAudit(ctx, { action: 'engagements.uploadContract', entity: 'engagement', entityId: input.id, after: { fileName, mimeType, size: data.length, sha256 } });
    return after;
  });
}

export function contractBytes(ctx: ServiceContext, id: number): { fileName: string; data: Buffer } {
  const row = ctx.ledger.sqlite
    .prepare('SELECT e.contract_file_name AS fileName, e.contract_sha256 AS sha256, b.data FROM engagements e LEFT JOIN attachment_blobs b ON b.sha256 = e.contract_sha256 WHERE e.id = ?')
    .get(id) as { fileName: string | null; sha256: string | null; data: Buffer | null } | undefined;
  if (!row) throw notFound('聘用合同');
  if (row.fileName === null || row.sha256 === null) throw notFound('合同文件');
  if (!row.data || createHash('sha256').update(row.data).digest('hex') !== row.sha256) throw attachmentDamaged(row.fileName);
  return { fileName: row.fileName, data: row.data };
}

export async function saveContractAs(ctx: ServiceContext, input: ParsedInputOf<'engagements.saveContractAs'>): Promise<{ saved: boolean }> {
  const { fileName, data } = contractBytes(ctx, input.id);
  const target = await host(ctx).platform.chooseSavePath({ defaultName: fileName, filters: [] });
  if (!target) return { saved: false };
  writeFileAtomic(target, data);
  return { saved: true };
}

export function addPayment(ctx: ServiceContext, input: ParsedInputOf<'payments.add'>): Engagement {
  refuseFuture(ctx, 'paidOn', input.paidOn, '付款日期');
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    getEngagement(ctx, input.engagementId);
    const id = Number(
      sqlite
        .prepare(
          `INSERT INTO engagement_payments (engagement_id, paid_on, amount_fen, voucher_no, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.engagementId, input.paidOn, input.amountFen, input.voucherNo, input.note, ctx.now().toISOString(), ctx.caller.username).lastInsertRowid,
    );
    appendAudit(ctx, { action: 'payments.add', entity: 'engagement', entityId: input.engagementId, after: { paymentId: id, ...input } });
    return getEngagement(ctx, input.engagementId);
  });
}

export function voidPayment(ctx: ServiceContext, input: ParsedInputOf<'payments.void'>): Engagement {
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    const row = sqlite.prepare('SELECT engagement_id AS engagementId, voided_at AS voidedAt FROM engagement_payments WHERE id = ?').get(input.id) as
      | { engagementId: number; voidedAt: string | null }
      | undefined;
    if (!row) throw notFound('付款记录');
    if (row.voidedAt !== null) throw new AppError('INVALID_TRANSITION', '该付款记录已作废');
    sqlite.prepare('UPDATE engagement_payments SET voided_at = ?, void_reason = ? WHERE id = ?').run(ctx.now().toISOString(), input.reason, input.id);
    appendAudit(ctx, { action: 'payments.void', entity: 'engagement', entityId: row.engagementId, after: { paymentId: input.id, reason: input.reason } });
    return getEngagement(ctx, row.engagementId);
  });
}

/** Engagements whose term ends within ENGAGEMENT_REMINDER_DAYS days from today (and has not ended), soonest first. */
export function engagementReminders(ctx: ServiceContext): EngagementReminder[] {
  const today = shanghaiDay(ctx.now());
  const rows = ctx.ledger.sqlite
    .prepare(
      `SELECT e.id AS engagementId, f.name AS firmName, e.contract_no AS contractNo, e.term_to AS termTo FROM engagements e JOIN firms f ON f.id = e.firm_id
       WHERE e.term_to >= ? AND e.term_to <= ?
         -- a later engagement of the same firm that carries on: nothing to remind
         AND NOT EXISTS (SELECT 1 FROM engagements n WHERE n.firm_id = e.firm_id AND n.term_from > e.term_from AND n.term_to > e.term_to)
       ORDER BY e.term_to, e.id`,
    )
    .all(today, addDays(today, ENGAGEMENT_REMINDER_DAYS)) as Omit<EngagementReminder, 'daysLeft'>[];
  return rows.map((r) => ({ ...r, daysLeft: daysBetween(today, r.termTo) }));
}

/**
 * Assigning to a counsel outside their firm's engagement asks first: when the
 * office records engagements at all, and no engagement of the counsel's firm
 * covers the day, the assignment is refused with NEEDS_CONFIRMATION unless the
 * request says yes (confirmOutsideEngagement). An office that records no
 * engagement is never asked.
 */
export function checkEngagementCovers(ctx: ServiceContext, counselId: number, day: string, confirmed: boolean): void {
  if (confirmed) return;
  const { sqlite } = ctx.ledger;
  if (!sqlite.prepare('SELECT 1 FROM engagements LIMIT 1').get()) return;
  const row = sqlite
    .prepare(
      `SELECT co.name, f.name AS firmName,
        EXISTS (SELECT 1 FROM engagements e WHERE e.firm_id = co.firm_id AND e.term_from <= @day AND e.term_to >= @day) AS covered
       FROM counsels co LEFT JOIN firms f ON f.id = co.firm_id WHERE co.id = @id`,
    )
    .get({ id: counselId, day }) as { name: string; firmName: string | null; covered: number } | undefined;
  if (!row || row.covered) return;
  const firm = row.firmName ?? '（未登记律师事务所）';
  throw new AppError('NEEDS_CONFIRMATION', `${row.name}所在的${firm}在 ${day} 没有有效的聘用合同。确认仍要分派吗？`, [
    { path: 'confirmOutsideEngagement', message: '分派日期不在该律师事务所的聘用合同期限内' },
  ]);
}

/** Payments (not voided) dated in the period, for all firms or one. */
export function paidInPeriod(sqlite: Database.Database, from: string, to: string, firmId?: number): number {
  const firm = firmId === undefined ? '' : ' AND e.firm_id = @firmId';
  const row = sqlite
    .prepare(
      `SELECT coalesce(sum(p.amount_fen), 0) AS fen FROM engagement_payments p JOIN engagements e ON e.id = p.engagement_id
       WHERE p.voided_at IS NULL AND p.paid_on >= @from AND p.paid_on <= @to${firm}`,
    )
    .get({ from, to, ...(firmId === undefined ? {} : { firmId }) }) as { fen: number };
  return row.fen;
}
