/**
 * Names, not user names, wherever a person is shown (issue 25, item 5): the
 * uploader of an attachment, the audit log (who, and the item's serial number
 * instead of its internal id), the import batches, and 登记人/最后修改人 in the
 * ledger exports. One mapping (db/queries/people.ts) serves them all.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addAttachmentFile } from '../../electron/services/attachments/attachments';
import { exportReport } from '../../electron/services/reports/export';
import { buildPlan, commitImport, listImportBatches, planView, readImportBytes } from '../../electron/services/import';
import { parseCsv, xlsxCellsOf } from '../reports/readers';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';
import { csvText } from '../import/fixtures';

async function setup() {
  const app = testApp();
  const b = await seedBasics(app);
  const zhang = await app.call('users.create', { username: 'zhangli', displayName: '张丽', roles: ['registrar'], counselId: null, password: 'Ledger-Pass-2025!' });
  app.as({ username: 'zhangli', displayName: '张丽', roles: ['registrar'] });
  const item = await register(app, { title: '物业服务合同审查', categoryId: b.cat('contract'), departmentId: b.dept.id });
  return { app, b, zhang, item };
}

describe('a person is shown by name', () => {
  it('the uploader of an attachment', async () => {
    const { app, item } = await setup();
    const file = path.join(tempDir(), '合同草案.txt');
    fs.writeFileSync(file, '合同草案正文');
    await addAttachmentFile(app.ctx(), item.id, null, file);
    const [a] = await app.call('attachments.list', { consultationId: item.id });
    expect(a).toMatchObject({ fileName: '合同草案.txt', createdBy: 'zhangli', createdByName: '张丽' });
  });

  it('the audit log: who, and the serial number of the item it is about', async () => {
    const { app, zhang, item } = await setup();
    app.as({ username: 'local-admin', displayName: '本机管理员', roles: ['admin', 'registrar'] });
    const page = await app.call('audit.list', { page: 1, pageSize: 50 });
    const create = page.rows.find((r: any) => r.action === 'consultations.create');
    expect(create).toMatchObject({ actor: 'zhangli', actorName: '张丽', entity: 'consultation', entityId: String(item.id), entityName: '法咨〔2025〕1号' });
    const account = page.rows.find((r: any) => r.action === 'users.create');
    expect(account).toMatchObject({ actorName: '本机管理员', entity: 'user', entityId: zhang.username, entityName: '张丽' });
    const divisions = page.rows.filter((r: any) => r.action === 'departments.create').map((r: any) => r.entityName);
    expect(divisions.sort()).toEqual(['政策法规处', '综合处'].sort());
    // the filter takes the name people know, or the user name
    for (const actor of ['张丽', 'zhangli']) {
      const mine = await app.call('audit.list', { page: 1, pageSize: 50, actor });
      expect(mine.rows.map((r: any) => r.action), actor).toEqual(['consultations.create']);
    }
  });

  it('登记人 and 最后修改人 in the XLSX and CSV ledger exports', async () => {
    const { app } = await setup();
    const dir = tempDir();
    await exportReport(app.ctx(), { year: 2025, format: 'xlsx', path: path.join(dir, 'l.xlsx') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'l.xlsx'));
    const rows = xlsxCellsOf(wb.getWorksheet('明细台账')!);
    const col = (h: string) => rows[0]!.indexOf(h);
    expect(rows[1]![col('登记人')]).toBe('张丽');
    expect(rows[1]![col('最后修改人')]).toBe('张丽');

    await exportReport(app.ctx(), { year: 2025, format: 'csv', path: path.join(dir, 'l.csv') });
    const csv = await parseCsv(fs.readFileSync(path.join(dir, 'l.csv'), 'utf8').slice(1));
    expect(csv[1]![csv[0]!.indexOf('登记人')]).toBe('张丽');
  });

  it('who imported a batch, in the list and in the dry run of the same file', async () => {
    const { app } = await setup();
    const bytes = Buffer.from(csvText([['登记日期', '事项名称', '类别', '承办处室'], ['2025-03-01', '采购合同审查', '采购', '综合处']]));
    await commitImport(app.ctx(), await readImportBytes(bytes, 'old.csv'));
    expect(listImportBatches(app.ctx())[0]).toMatchObject({ importedBy: '张丽' });
    const again = planView(buildPlan(app.ctx(), await readImportBytes(bytes, 'old.csv')));
    expect(again.notices.join()).toContain('由 张丽 导入过');
  });
});
