/**
 * 年度统计 in the real UI, on the seeded year (test/e2e/seed.ts): the report
 * sentence with the numbers counted by hand from SPECS, a figure opened to the
 * consultations behind it, and 导出 PDF (the print stylesheet, rendered by Chromium).
 *
 * 2025 by hand: 14 items received in 2025, minus 1 withdrawn and 1 trashed = 12 次;
 * 项 = 1+3+2+1+1+2+1+1+1+1+4+1 = 19; opinions on the 7 answered or closed items;
 * all 5 outcomes adopted or partly adopted = 100.0%. Categories by 次: 合同签订 3,
 * then 制度建设 2 and 招标采购 2 (ties: the category list's order), then 信访投诉
 * first of the 1s; eight categories have items, so 等 follows.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from './seed';
import { openApp, screenshot, type App } from './support';

let app: App;

beforeAll(async () => {
  // 导出 PDF: the desktop renders the page (Electron's printToPDF in the app); here Chromium's, of the same page
  app = await openApp({ platform: { printToPdf: (options) => app.page.pdf(options) } });
  await seedLedger(app);
  await app.page.reload();
});

afterAll(async () => {
  await app?.close();
});

/** The categories with items in 2025 (test/e2e/seed.ts), by their short names: the monthly chart's legend. */
const MONTHLY_CATEGORIES = ['制度建设', '合同签订', '招标采购', '信访投诉', '重大执法决定法制审核', '行政复议与诉讼', '重大行政决策', '其他'];

const SENTENCE = '2025年，我办法律顾问围绕合同签订、制度建设、招标采购、信访投诉等开展法律咨询12次（19项），出具法律意见7份，意见采纳率100.0%。';

describe('年度统计', () => {
  it('shows the report sentence with the exact numbers', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '年度统计' }).click();
    await page.getByRole('heading', { name: '年度统计' }).waitFor();
    await expect.poll(() => page.getByTestId('report-sentence').textContent()).toBe(SENTENCE);
  });

  it('opens a figure to exactly the consultations counted in it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '咨询次数：12，查看明细' }).first().click();
    await page.getByText('共 12 条', { exact: true }).waitFor();
    // neither the withdrawn nor the trashed item is behind the count
    expect(await page.getByRole('cell', { name: '民兵训练基地租赁合同审查' }).count()).toBe(0);
    expect(await page.getByRole('cell', { name: '误登记的重复事项' }).count()).toBe(0);
    await page.goBack();
    await page.getByTestId('report-sentence').waitFor();

    // a category's 次 in the table: 合同签订, 3
    await page.getByRole('button', { name: /^合同签订.*：3.*查看明细$/ }).first().click();
    await page.getByText('共 3 条', { exact: true }).waitFor();
    for (const title of ['关于办公楼物业服务合同的合法性审查', '信息化平台运维采购合同审查', '车辆定点维修服务协议审查']) {
      await page.getByRole('cell', { name: title }).waitFor();
    }
    await screenshot(page, '33-reports-drilldown');
    await page.goBack();
    await page.getByTestId('report-sentence').waitFor();
  });

  it('exports the report view to PDF through its print stylesheet, saved where the user chose', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '导出 PDF' }).click();
    // the harness's save dialog answers <data folder>/exports/<the proposed name>
    await page.getByText(/已导出 PDF：2025年法律顾问咨询工作统计\.pdf/).waitFor();
    const file = path.join(app.dir, 'exports', '2025年法律顾问咨询工作统计.pdf');
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const raw = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    // the title on one line: the page has its full width (a collapsed layout puts one character per line)
    expect(raw).toContain('2025年法律顾问咨询工作统计');
    const text = raw.replace(/\s+/g, '');
    expect(text).toContain('开展法律咨询12次（19项）');
    // the screen's buttons are not printed
    expect(text).not.toContain('导出Excel');
    // every page's foot: its number, and the audit chain's anchor, which names a record of the live log by its hash
    const pageCount = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pageCount).toBeGreaterThan(0);
    expect(text).toContain(`第1页共${pageCount}页`);
    const anchor = /审计链锚点：审计记录共(\d+)条，最后一条（第(\d+)号）的哈希：([0-9a-f]{64})/.exec(text);
    expect(anchor).not.toBeNull();
    const db = new Database(path.join(app.dir, 'ledger.sqlite3'), { readonly: true });
    try {
      const record = db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(Number(anchor![2])) as { hash: string };
      expect(record.hash).toBe(anchor![3]);
      expect(db.prepare('SELECT count(*) FROM audit_log WHERE id <= ?').pluck().get(Number(anchor![2]))).toBe(Number(anchor![1]));
    } finally {
      db.close();
    }
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', file, path.join(app.dir, 'page')]);
    fs.copyFileSync(path.join(app.dir, 'page.png'), path.join(path.dirname(import.meta.filename), 'screenshots', '34-report-pdf-page1.png'));

    // issue 21: the charts print, at their print size (not collapsed to nothing): the page that
    // carries the charts' titles has coloured pixels (bars, slices); text is black and grey
    const pages = raw.split('\f');
    const chartPage = pages.findIndex((p) => p.replace(/\s+/g, '').includes('月度咨询次数（按类别）')) + 1;
    expect(chartPage).toBeGreaterThan(0);
    execFileSync('pdftoppm', ['-r', '40', '-f', String(chartPage), '-l', String(chartPage), '-singlefile', file, path.join(app.dir, 'charts')]);
    const ppm = fs.readFileSync(path.join(app.dir, 'charts.ppm'));
    const [, w, h] = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 30).toString('latin1'))!.map(Number) as [unknown, number, number];
    const pixels = ppm.subarray(ppm.length - w * h * 3);
    let coloured = 0;
    for (let i = 0; i < pixels.length; i += 3) {
      const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured += 1;
    }
    expect(coloured / (w * h)).toBeGreaterThan(0.02);
    // and at a print size that fits the page: nothing is drawn right of the printable width (A4 210 mm less the
    // stylesheet's 12 mm margin, at 40 dpi; the card's border lies on it), and the drawing is whole, not cut at
    // the card's edge: the monthly chart's last month and the legend's last category are printed
    const printableRight = Math.ceil(((210 - 12) / 25.4) * 40);
    let rightmost = 0;
    for (let y = 0; y < h; y++) {
      for (let x = w - 1; x > rightmost; x--) {
        const i = (y * w + x) * 3;
        if (Math.min(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!) < 200) rightmost = x;
      }
    }
    expect(rightmost).toBeGreaterThan(printableRight - 10);
    expect(rightmost).toBeLessThanOrEqual(printableRight);
    const chartText = pages[chartPage - 1]!.replace(/\s+/g, '');
    expect(chartText).toContain('12月');
    expect(chartText).toContain('重大行政决策');
    // the monthly chart's legend on paper names every category of the year (a scrolling legend printed only its
    // first page and a "1/2" pager), between the chart's title and its plot, above the y axis's name 次数
    const words = [...execFileSync('pdftotext', ['-bbox', '-f', String(chartPage), '-l', String(chartPage), file, '-'], { encoding: 'utf8' }).matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )].map((m) => ({ yMin: Number(m[2]), yMax: Number(m[4]), text: m[5]! }));
    const chartTitle = words.find((w) => w.text.includes('月度咨询次数'))!;
    const firstMonth = words.find((w) => w.text === '1月' && w.yMin > chartTitle.yMax)!;
    const band = words.filter((w) => w.yMin > chartTitle.yMax && w.yMax < firstMonth.yMin);
    const legend = band.filter((w) => MONTHLY_CATEGORIES.includes(w.text));
    expect(legend.map((w) => w.text).sort()).toEqual([...MONTHLY_CATEGORIES].sort());
    expect(band.map((w) => w.text).filter((x) => /\d+\/\d+/.test(x))).toEqual([]);
    const axisName = band.find((w) => w.text === '次数')!;
    expect(axisName.yMin).toBeGreaterThanOrEqual(Math.max(...legend.map((w) => w.yMax)));
    fs.copyFileSync(path.join(app.dir, 'charts.ppm'), path.join(app.dir, 'charts-kept.ppm'));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(chartPage), '-l', String(chartPage), '-singlefile', file, path.join(path.dirname(import.meta.filename), 'screenshots', '123-report-pdf-charts')]);
    // the carried-over table keeps its columns: an item's title is printed on one or two lines, not one character a line
    const layout = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const lines = layout.split('\n');
    const singleCharLines = lines.flatMap((l, i) => (/^\s*[\u4e00-\u9fff]\s*$/.test(l) ? [lines.slice(Math.max(0, i - 2), i + 2).join('⏎')] : []));
    expect(singleCharLines).toEqual([]);
  });
});
