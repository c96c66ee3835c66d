/** What the DOCX section says, in order: plain blocks, so the wording can be read and tested apart from the layout. */
import type { Tally } from '#contract/reports-contract';
import type { ProcedureFigures } from '#domain/procedures';
import { NO_RATE } from '#domain/labels';
import { rangeLabel } from '../period';
import { NO_PREVIOUS, carriedOverTable, hasPrevious, categoryTable, conclusionTable, counselTable, departmentTable, monthTable, outcomeTable, procedureTable, type Table } from './tables';

export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'table'; table: Table };

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function comparison(now: number, before: number): string {
  if (now === before) return '与上年同期持平';
  return now > before ? `比上年同期增加${now - before}次` : `比上年同期减少${before - now}次`;
}

function medianText(days: number | null): string {
  return days === null ? NO_RATE : `${days}天`;
}

/** 审查程序's sentence: returns and their pauses, 签发 and its wait, extensions, and what still waited at the end. */
function procedureText(f: ProcedureFigures, asOf: string): string {
  const returns =
    f.returns === 0
      ? '本期没有退回补正材料的事项。'
      : `本期退回补正材料${f.returns}次（涉及事项${f.returnedItems}次）` +
        (f.averagePausedDays === null ? '，补正材料均尚未收回。' : `，办理时限平均暂停${f.averagePausedDays}个工作日。`);
  const signOff = f.signedOff === 0 ? '本期没有领导签发的意见。' : `领导签发法律意见${f.signedOff}份，自出具至签发平均等待${f.averageSignOffDays}天。`;
  const extensions = f.extensions === 0 ? '' : `延期${f.extensions}次。`;
  const waiting = `截至${asOf}，待补正材料的事项${f.awaitingMaterial}次，待签发的意见${f.awaitingSignOff}份。`;
  return returns + signOff + extensions + waiting;
}

export function buildSections(t: Tally, procedures: ProcedureFigures): Block[] {
  const p = t.previous;
  const asOf = rangeLabel(t.carriedOver.asOf, t.carriedOver.asOf);
  const sections: [string, Block[]][] = [
    [
      '总体情况',
      [
        { type: 'paragraph', text: t.sentence.text },
        {
          type: 'paragraph',
          text:
            `${t.period.label}共登记法律咨询事项${t.total.count}次（${t.total.items}项），` +
            (hasPrevious(t)
              ? `${comparison(t.total.count, p.total.count)}（上年同期${p.total.count}次、${p.total.items}项）。`
              : `${NO_PREVIOUS}，不作同期比较。`) +
            (t.withdrawn.count > 0 ? `另有${t.withdrawn.count}次（${t.withdrawn.items}项）由提请处室撤回，未计入上述统计。` : ''),
        },
      ],
    ],
    ['分类情况', [{ type: 'table', table: categoryTable(t) }]],
    ['月度情况', [{ type: 'table', table: monthTable(t, false) }]],
    ['提请处室情况', [{ type: 'table', table: departmentTable(t) }]],
    ['法律顾问承办情况', [{ type: 'table', table: counselTable(t) }]],
    [
      '意见结论与采纳情况',
      [
        {
          type: 'paragraph',
          text:
            `法律顾问共出具法律意见${t.opinions.documents}份，涉及咨询事项${t.opinions.answered.count}次。` +
            (t.adoption.withOutcome.count === 0
              ? '尚未登记采纳情况。'
              : `已登记采纳情况的${t.adoption.withOutcome.count}次中，采纳或部分采纳${t.adoption.adopted.count}次，意见采纳率${t.adoption.rate.text}。`),
        },
        { type: 'table', table: conclusionTable(t) },
        { type: 'table', table: outcomeTable(t) },
      ],
    ],
    [
      '办理时效',
      [
        {
          type: 'paragraph',
          text:
            `自收件至首次出具法律意见，用时中位数为${medianText(t.turnaround.medianDays)}。` +
            `应在办理时限内答复的${t.turnaround.dueTracked.count}次中，按时答复${t.turnaround.dueMet.count}次，按时答复率${t.turnaround.onTimeRate.text}。`,
        },
      ],
    ],
    ['审查程序', [{ type: 'paragraph', text: procedureText(procedures, asOf) }, { type: 'table', table: procedureTable(procedures) }]],
    [
      '结转事项',
      [
        {
          type: 'paragraph',
          text:
            t.carriedOver.total.count === 0
              ? `截至${asOf}，本期登记的事项均已办结。`
              : `截至${asOf}，尚未办结的事项${t.carriedOver.total.count}次（${t.carriedOver.total.items}项），结转下期继续办理。` +
                (t.carriedOver.truncated ? `下表列出其中${t.carriedOver.rows.length}次，完整清单见XLSX导出的明细台账。` : ''),
        },
        ...(t.carriedOver.rows.length > 0 ? [{ type: 'table' as const, table: carriedOverTable(t) }] : []),
      ],
    ],
  ];
  return [
    { type: 'title', text: `${t.period.label}法律顾问工作情况` },
    ...(t.scope === 'own' ? [{ type: 'paragraph' as const, text: '（统计范围：本人承办的事项）' }] : []),
    ...sections.flatMap(([name, blocks], i): Block[] => [{ type: 'heading', text: `${NUMERALS[i]}、${name}` }, ...blocks]),
  ];
}
