/**
 * The built-in templates of the per-item documents, made as DOCX files with
 * merge fields ({title}, {#checklist}…{/checklist}, {#opinionParagraphs}{text}{/opinionParagraphs}) in the official-document
 * style (GB/T 9704-2012, official-fonts.ts): A4 with its margins, the title
 * in 方正小标宋简体 二号, body 仿宋_GB2312 三号 on a 28 pt line, headings 黑体.
 * The admin downloads one, edits it in Word/WPS, and uploads it back
 * (templates.ts); docxtemplater fills whichever is in force (fill.ts).
 * Each placeholder is one run of its own, so Word's spell checker does not split it.
 */
import { AlignmentType, BorderStyle, LineRuleType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType, type IRunOptions } from 'docx';
import type { DocumentKind } from '#domain/documents';
import { BODY_FONT, BODY_LINE, CONTENT_WIDTH, HEADING_FONT, SIZE, TITLE_FONT, officialDocx } from '../reports/export/official-fonts';

const run = (text: string, options: Partial<IRunOptions> = {}): TextRun => new TextRun({ text, font: BODY_FONT, size: SIZE.body, ...options });
const TABLE_SIZE = 28; // 四号 14 pt

const title = (text: string): Paragraph =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 400, line: 700, lineRule: LineRuleType.EXACT }, children: [run(text, { font: TITLE_FONT, size: SIZE.title })] });
const body = (...children: TextRun[]): Paragraph => new Paragraph({ spacing: BODY_LINE, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED, children });
const plain = (...children: TextRun[]): Paragraph => new Paragraph({ spacing: BODY_LINE, children });
const right = (...children: TextRun[]): Paragraph => new Paragraph({ spacing: BODY_LINE, alignment: AlignmentType.RIGHT, children });
const heading = (text: string): Paragraph => new Paragraph({ spacing: BODY_LINE, indent: { firstLine: 640 }, keepNext: true, children: [run(text, { font: HEADING_FONT })] });

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

function cell(children: TextRun[] | string, width: number, options: { header?: boolean; span?: number; center?: boolean } = {}): TableCell {
  const runs = typeof children === 'string' ? [run(children, { size: TABLE_SIZE, ...(options.header ? { font: HEADING_FONT } : {}) })] : children;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: options.span,
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 100, right: 100, top: 60, bottom: 60 },
    children: [new Paragraph({ alignment: options.center || options.header ? AlignmentType.CENTER : AlignmentType.LEFT, children: runs })],
  });
}
const field = (name: string): TextRun => run(`{${name}}`, { size: TABLE_SIZE });

function table(widths: number[], rows: TableRow[]): Table {
  return new Table({ width: { size: CONTENT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders: BORDERS, rows });
}


/** 法律顾问咨询提请单: the form the division fills and signs, as a table. */
function requestForm(): (Paragraph | Table)[] {
  const label = Math.round(CONTENT_WIDTH * 0.2);
  const value = Math.round(CONTENT_WIDTH * 0.3);
  const w = [label, value, label, CONTENT_WIDTH - 2 * label - value];
  const pair = (a: string, af: string, b: string, bf: string) =>
    new TableRow({ cantSplit: true, children: [cell(a, w[0]!, { header: true }), cell([field(af)], w[1]!), cell(b, w[2]!, { header: true }), cell([field(bf)], w[3]!)] });
  const wide = (a: string, children: TextRun[], height?: number) =>
    new TableRow({ cantSplit: true, height: height ? { value: height, rule: 'atLeast' } : undefined, children: [cell(a, w[0]!, { header: true }), cell(children, w[1]! + w[2]! + w[3]!, { span: 3 })] });
  return [
    title('法律顾问咨询提请单'),
    right(run('编号：'), run('{serialNo}')),
    table(w, [
      wide('事项名称', [field('title')], 900),
      pair('提请处室', 'department', '提请人', 'requester'),
      pair('事项类别', 'category', '项　　数', 'itemCount'),
      pair('收件日期', 'receivedOn', '办理时限', 'dueOn'),
      wide('事项说明', [field('description')], 2600),
      pair('法律顾问', 'counsel', '律师事务所', 'firm'),
      wide('备　　注', [field('note')], 700),
      wide('提请处室负责人意见', [run('', { size: TABLE_SIZE })], 1600),
      wide('综合处意见', [run('', { size: TABLE_SIZE })], 1600),
    ]),
    plain(run('{office}　　打印日期：', { size: TABLE_SIZE }), run('{printedOn}', { size: TABLE_SIZE })),
  ];
}

/** 法律意见书 / 合法性审查意见书 / 法制审核意见书: one round of opinion, its checklist and sign-off. */
function opinionDocument(): (Paragraph | Table)[] {
  const check = [Math.round(CONTENT_WIDTH * 0.1), Math.round(CONTENT_WIDTH * 0.4), Math.round(CONTENT_WIDTH * 0.2)];
  check.push(CONTENT_WIDTH - check.reduce((s, x) => s + x, 0));
  const sign = [Math.round(CONTENT_WIDTH * 0.2), Math.round(CONTENT_WIDTH * 0.2), Math.round(CONTENT_WIDTH * 0.25)];
  sign.push(CONTENT_WIDTH - sign.reduce((s, x) => s + x, 0));
  const loopRow = (loop: string, fields: string[], widths: number[]) =>
    new TableRow({
      cantSplit: true,
      children: fields.map((f, i) =>
        cell([run(`${i === 0 ? `{#${loop}}` : ''}{${f}}${i === fields.length - 1 ? `{/${loop}}` : ''}`, { size: TABLE_SIZE })], widths[i]!, { center: i === 0 }),
      ),
    });
  const headerRow = (names: string[], widths: number[]) => new TableRow({ tableHeader: true, children: names.map((n, i) => cell(n, widths[i]!, { header: true })) });
  return [
    title('{documentTitle}'),
    right(run('{serialNo}（第{round}轮）')),
    plain(run('{department}：')),
    body(run('你处于{receivedOn}提请的“{title}”（{category}）收悉。经审查，现提出意见如下：')),
    heading('一、审查结论'),
    body(run('{conclusion}')),
    heading('二、具体意见'),
    // each line of the opinion its own body paragraph (first-line indent and all): with paragraphLoop,
    // the paragraphs holding only {#opinionParagraphs} and {/opinionParagraphs} are dropped when filled
    plain(run('{#opinionParagraphs}')),
    body(run('{text}')),
    plain(run('{/opinionParagraphs}')),
    heading('三、审查要点'),
    table(check, [headerRow(['序号', '审查事项', '审查结果', '说明'], check), loopRow('checklist', ['no', 'item', 'result', 'note'], check)]),
    body(run('{^checklist}（本事项未填写审查要点。）{/checklist}')),
    heading('四、审签'),
    table(sign, [headerRow(['环节', '姓名', '日期', '意见'], sign), loopRow('signoff', ['step', 'name', 'date', 'comment'], sign)]),
    body(run('{^signoff}（本事项尚无审签记录。）{/signoff}')),
    new Paragraph({ spacing: { before: 560 }, children: [] }),
    right(run('法律顾问：{opinionCounsel}')),
    right(run('{opinionFirm}')),
    right(run('{issuedOn}')),
  ];
}

const CONTENT: Record<DocumentKind, () => (Paragraph | Table)[]> = { request: requestForm, opinion: opinionDocument };

/** The built-in template of `kind`, as DOCX bytes. */
export async function defaultTemplate(kind: DocumentKind): Promise<Buffer> {
  return officialDocx({ creator: '法律顾问咨询台账' }, CONTENT[kind]());
}
