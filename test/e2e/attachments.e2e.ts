/**
 * 材料（附件）on the detail page: added by drag-and-drop (the page reads the
 * file) and by the app's file dialog (scripted here), under the item and under
 * an opinion; saved as (bytes identical); too big refused before anything is
 * sent; removed to the trash and restored. A program (even one disguised by a
 * right-to-left override) is stored save-only: no 打开, a warning before 另存为.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignAndAnswer, registerItem } from './steps';
import { openApp, screenshot, seedBasics, type App } from './support';

let app: App;
let itemId: number;
/** what the scripted open dialog answers */
let picked: string[] = [];
/**
 * A real .docx (the app opens only documents whose content matches their extension),
 * padded to 20,000 bytes with a ZIP comment so the size shown stays 19.5 KB.
 */
let docx: Buffer;
async function paddedDocx(size: number): Promise<Buffer> {
  const zip = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('采购合同（草案）')] }] }));
  const pad = size - zip.length;
  zip.writeUInt16LE(pad, zip.length - 2); // the end-of-directory record's comment length
  return Buffer.concat([zip, Buffer.alloc(pad, 0x20)]);
}

beforeAll(async () => {
  docx = await paddedDocx(20_000);
  app = await openApp({ platform: { chooseOpenPaths: async () => picked } });
  const b = await seedBasics(app);
  const registered = await registerItem(app, b, {
    title: '关于应急物资采购合同的合法性审查',
    category: 'procurement',
    department: 2,
    requester: '刘洋',
    receivedOn: '2025-06-03',
    description: '采购合同草案及报价单见附件。',
  });
  const d = await assignAndAnswer(app, b, registered, '2025-06-04', [
    { conclusion: 'approveWithChanges', text: '建议补充验收标准和违约责任条款后签订。', issuedOn: '2025-06-06' },
  ]);
  itemId = d.id;
  await app.goto(`#/consultations/${itemId}`);
});

afterAll(async () => {
  await app?.close();
});

/** Drops files on a drop zone the way the browser does: a drop event carrying a DataTransfer. */
async function drop(target: Locator, files: { name: string; base64?: string; size?: number; type?: string }[]): Promise<void> {
  const dataTransfer = await target.page().evaluateHandle((specs) => {
    const dt = new DataTransfer();
    for (const f of specs) {
      const bytes = f.base64 ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) : new Uint8Array(f.size ?? 0);
      dt.items.add(new File([bytes], f.name, { type: f.type ?? 'application/octet-stream' }));
    }
    return dt;
  }, files);
  await target.dispatchEvent('drop', { dataTransfer });
}

const list = () => app.page.getByRole('region', { name: '事项附件' });

describe('attachments on the detail page', () => {
  it('adds a dropped file', async () => {
    const { page } = app;
    await page.getByText('还没有附件').waitFor();
    await drop(page.getByText('将文件拖到此处上传'), [{ name: '采购合同（草案）.docx', base64: docx.toString('base64') }]);
    await page.getByText('已添加附件：采购合同（草案）.docx').waitFor();
    await list().getByText('采购合同（草案）.docx').waitFor();
    // the uploader by name, not user name (issue 25, item 5)
    await list().getByText(/19\.5 KB · 2025-06-10 10:00 · 张敏/).waitFor();
  });

  it('adds files chosen in the app\u2019s file dialog', async () => {
    const { page } = app;
    const scan = path.join(app.dir, '报价单扫描件.pdf');
    fs.writeFileSync(scan, Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3_000)]));
    picked = [scan];
    await list().getByRole('button', { name: '选择文件…', exact: true }).click();
    await page.getByText('已添加 1 个附件').waitFor();
    await list().getByText('报价单扫描件.pdf').waitFor();
  });

  it('saves a copy with identical bytes', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '另存为 采购合同（草案）.docx' }).click();
    await page.getByText('已另存：采购合同（草案）.docx').waitFor();
    const saved = fs.readFileSync(path.join(app.dir, 'exports', '采购合同（草案）.docx'));
    expect(saved.equals(docx)).toBe(true);
  });

  it('refuses a file over 50 MB before sending it', async () => {
    const { page } = app;
    const before = (await app.call<unknown[]>('attachments.list', { consultationId: itemId })).length;
    await drop(page.getByText('将文件拖到此处上传'), [{ name: '扫描件合集.pdf', size: 51 * 1024 * 1024 }]);
    await page.getByText('文件“扫描件合集.pdf”大小为 51 MB，超过单个附件 50 MB 的上限，未上传。').waitFor();
    expect((await app.call<unknown[]>('attachments.list', { consultationId: itemId })).length).toBe(before);
  });

  it('adds a file under an opinion', async () => {
    const { page } = app;
    const opinion = page.getByRole('region', { name: '第 1 轮意见的附件' });
    await drop(opinion.getByText('将意见的附件拖到此处'), [{ name: '法律意见书.txt', base64: Buffer.from('法律意见书：建议补充验收标准。').toString('base64'), type: 'text/plain' }]);
    await opinion.getByText('法律意见书.txt').waitFor();
    const all = await app.call<{ fileName: string; opinionId: number | null }[]>('attachments.list', { consultationId: itemId });
    expect(all.find((a) => a.fileName === '法律意见书.txt')?.opinionId).not.toBeNull();
    // the materials and the opinion in view; the mouse off every control and off the toasts (hovering one keeps it open)
    await page.mouse.move(1360, 760);
    await page.getByText('材料（附件）').evaluate((el) => el.closest('.ant-card')?.scrollIntoView({ block: 'start' }));
    await screenshot(page, '29-attachments');
  });

  it('removes a file to the trash and restores it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '移除 报价单扫描件.pdf' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '移除' }).click();
    await page.getByText('已移除：报价单扫描件.pdf').waitFor();
    await expect.poll(() => list().getByText('报价单扫描件.pdf').count()).toBe(0);
    await page.getByRole('button', { name: '已移除的附件（1）' }).click();
    await page.getByRole('button', { name: '恢复 报价单扫描件.pdf' }).click();
    await page.getByText('已恢复：报价单扫描件.pdf').waitFor();
    await list().getByText('报价单扫描件.pdf').waitFor();
  });

  it('stores a program save-only: no 打开, and 另存为 warns first', async () => {
    const { page } = app;
    const program = Buffer.concat([Buffer.from('MZ', 'latin1'), randomBytes(4_000)]);
    // shown as "审查意见exe.docx" by the right-to-left override; stored without it
    await drop(page.getByText('将文件拖到此处上传'), [{ name: '审查意见\u202Excod.exe', base64: program.toString('base64') }]);
    await page.getByText('已添加附件：审查意见xcod.exe（原文件名中的不可见字符、系统保留名或末尾的点和空格已按规则整理）').waitFor();
    const row = list().locator('.ant-list-item').filter({ hasText: '审查意见xcod.exe' });
    await row.getByText('仅可另存').waitFor();
    expect(await page.getByRole('button', { name: '打开 审查意见xcod.exe' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '打开 采购合同（草案）.docx' }).count()).toBe(1);
    await page.getByRole('button', { name: '另存为 审查意见xcod.exe' }).click();
    await page.getByText('“审查意见xcod.exe”不是可直接打开的文档或图片，可能含有程序。').waitFor();
    await page.mouse.move(1360, 760);
    await screenshot(page, '60-attachment-save-only');
    await page.getByRole('tooltip').getByRole('button', { name: '另存为' }).click();
    await page.getByText('已另存：审查意见xcod.exe').waitFor();
    expect(fs.readFileSync(path.join(app.dir, 'exports', '审查意见xcod.exe')).equals(program)).toBe(true);
  });
});
