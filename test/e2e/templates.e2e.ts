/**
 * 文书模板 (admin) and 导出全年卷宗 in the real UI (issue 21): the templates
 * listed built-in, the template in force downloaded, an edited copy with an
 * unknown placeholder refused by name (nothing changes), a good one used for
 * the next request form, back to the default; a year's case files written
 * into the folder the user chose, one ZIP per item by serial number.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxParts } from '../reports/readers';
import { gotoScreen } from './steps';
import { openApp, screenshot, seedBasics, type App } from './support';

let app: App;
let itemId: number;

beforeAll(async () => {
  app = await openApp({
    platform: {
      // the folder dialog answers <data folder>/archive
      async chooseFolder() {
        const folder = path.join(app.dir, 'archive');
        fs.mkdirSync(folder, { recursive: true });
        return folder;
      },
    },
  });
  const b = await seedBasics(app);
  for (const [title, receivedOn] of [
    ['关于应急物资储备库租赁合同的合法性审查', '2025-03-03'],
    ['人防工程平战转换预案的法律咨询', '2025-04-08'],
    ['民兵装备仓库维修采购合同审查', '2025-05-12'],
  ] as const) {
    const d = await app.call('consultations.create', { title, categoryId: b.category('contract'), departmentId: b.departments[0]!.id, requester: '刘洋', receivedOn, itemCount: 1 });
    itemId ??= d.id;
  }
  await app.page.reload();
});

afterAll(async () => {
  await app?.close();
});

const exported = (name: string) => path.join(app.dir, 'exports', name);

/** The downloaded template with its title edited, as an admin would in Word. */
async function editedTemplate(title: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(fs.readFileSync(exported('法律顾问咨询提请单模板.docx')));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toContain('>法律顾问咨询提请单<');
  zip.file('word/document.xml', xml.replace('>法律顾问咨询提请单<', `>${title}<`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('文书模板', () => {
  it('lists each template as built-in, with the merge fields and their meaning', async () => {
    const { page } = app;
    await gotoScreen(app, '#/templates', '文书模板');
    const table = page.getByTestId('templates-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await table.locator('tr[data-row-key="request"]').textContent()).toContain('内置默认');
    expect(await table.locator('tr[data-row-key="opinion"]').textContent()).toContain('法律意见书、合法性审查意见书、法制审核意见书');
    const fields = page.getByTestId('template-fields');
    await fields.getByRole('cell', { name: '{serialNo}' }).waitFor();
    expect(await fields.locator('tr', { hasText: '{serialNo}' }).textContent()).toContain('编号，如 法咨〔2025〕1号');
    expect(await fields.locator('tr', { hasText: '{documentTitle}' }).textContent()).toContain('意见书');
    await fields.getByRole('cell', { name: '{#checklist} … {/checklist}' }).waitFor();
    // the opinion's text as paragraphs: a loop whose {text} rows each print as a paragraph of their own
    expect(await fields.locator('tr', { hasText: '{#opinionParagraphs} … {/opinionParagraphs}' }).textContent()).toContain('每行一段');
    // 15 fields of every document, 7 of the opinion's own, then each loop's row and its fields' rows
    expect(await fields.locator('tbody tr').count()).toBe(15 + 7 + (1 + 1) + (1 + 4) + (1 + 4));
    await screenshot(page, '160-templates');
  });

  it('downloads the template in force, refuses an unknown placeholder by name, uses a good one, and restores the default', async () => {
    const { page } = app;
    const request = page.getByTestId('templates-table').locator('tr[data-row-key="request"]');
    await request.getByRole('button', { name: '下载当前模板' }).click();
    await page.getByText('已保存模板：法律顾问咨询提请单模板.docx').waitFor();

    // an unknown placeholder: refused, named, and the template stays the built-in one
    const bad = path.join(app.dir, '提请单（错误）.docx');
    fs.writeFileSync(bad, await editedTemplate('法律顾问咨询提请单{stampNo}'));
    await request.locator('input[type=file]').setInputFiles(bad);
    const refused = page.getByTestId('template-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('本软件不认识的占位符：{stampNo}');
    expect(await request.textContent()).toContain('内置默认');
    await screenshot(page, '161-template-refused');

    // a good one: used from now on, listed with its file, time and uploader
    const good = path.join(app.dir, '提请单（本办）.docx');
    fs.writeFileSync(good, await editedTemplate('法律顾问咨询提请单（本办格式）'));
    await request.locator('input[type=file]').setInputFiles(good);
    await page.getByText('已替换模板：法律顾问咨询提请单').waitFor();
    await expect.poll(() => request.textContent()).toContain('已替换');
    expect(await request.textContent()).toContain('提请单（本办）.docx');
    expect(await request.textContent()).toContain('由 张敏 上传');
    expect(await page.getByTestId('template-refused').count()).toBe(0);
    await screenshot(page, '162-template-replaced');
    await app.call('documents.save', { id: itemId, kind: 'request' });
    expect((await docxParts(exported('法咨〔2025〕1号 法律顾问咨询提请单.docx'))).text).toContain('法律顾问咨询提请单（本办格式）');

    await request.getByRole('button', { name: '恢复默认' }).click();
    await page.getByRole('button', { name: /^确\s*定$|^OK$/ }).click();
    await page.getByText('已恢复默认模板：法律顾问咨询提请单').waitFor();
    await expect.poll(() => request.textContent()).toContain('内置默认');
    await app.call('documents.save', { id: itemId, kind: 'request' });
    expect((await docxParts(exported('法咨〔2025〕1号 法律顾问咨询提请单.docx'))).text).not.toContain('本办格式');
  });
});

describe('导出全年卷宗', () => {
  it('writes every item of the report\'s year into the chosen folder, by serial number', async () => {
    const { page } = app;
    await app.goto('#/reports?year=2025');
    await page.getByRole('heading', { name: '年度统计' }).waitFor();
    await page.getByRole('button', { name: '导出全年卷宗' }).click();
    await page.getByText(/已导出2025年卷宗（3 件）/).waitFor();
    const folder = path.join(app.dir, 'archive', '2025年法律顾问咨询卷宗');
    expect(fs.readdirSync(folder).sort()).toEqual(['00 目录.docx', '法咨〔2025〕1号 卷宗.zip', '法咨〔2025〕2号 卷宗.zip', '法咨〔2025〕3号 卷宗.zip']);
    const index = await docxParts(path.join(folder, '00 目录.docx'));
    expect(index.text).toContain('人防工程平战转换预案的法律咨询');
    await screenshot(page, '163-year-case-files', { keepToasts: true });
  });
});
