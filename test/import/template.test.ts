/**
 * The downloadable template: canonical headers, an example row that is never
 * imported by mistake, drop-down lists, a 说明 sheet; written atomically; and a
 * filled-in template imports cleanly.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS } from '#domain/import-fields';
import { buildPlan, commitImport, readImportFile, writeImportTemplate } from '../../electron/services/import';
import { readZipDirectory } from '../../electron/services/import/zip-guard';
import { seedBasics, tempDir, testApp } from '../helpers/ledger';
import { day } from './fixtures';

type WithValidations = { dataValidations: { model: Record<string, { type: string; formulae: unknown[] } | undefined> } };

describe('the import template', () => {
  it('has the canonical headers, an example row, drop-down lists and a 说明 sheet', async () => {
    const dir = tempDir();
    const file = path.join(dir, '导入模板.xlsx');
    const bytes = await writeImportTemplate(file, { categories: ['合同签订', '招标采购', '自定义类别'] });
    expect(fs.statSync(file).size).toBe(bytes);
    expect(fs.readdirSync(dir)).toEqual(['导入模板.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['台账', 'visible'],
      ['说明', 'visible'],
      ['选项', 'hidden'],
    ]);
    const sheet = wb.getWorksheet('台账')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(IMPORT_FIELDS.map((f) => IMPORT_FIELD_LABELS[f]));
    expect(sheet.getCell('F2').value).toEqual(day('2025-03-03'));
    // exceljs expands ranges when reading: each cell of the range has the list
    const validations = (sheet as unknown as WithValidations).dataValidations.model;
    for (const [cell, formula] of [
      ['C2', "'选项'!$A$2:$A$4"],
      ['C5001', "'选项'!$A$2:$A$4"],
      ['N3', "'选项'!$B$2:$B$5"],
      ['P4', "'选项'!$C$2:$C$4"],
      ['L5', "'选项'!$D$2:$D$6"],
    ] as const) {
      expect(validations[cell], cell).toMatchObject({ type: 'list', formulae: [formula] });
    }
    expect(validations.H2).toMatchObject({ type: 'whole', formulae: [1, 999] });
    // …but the file has one range per list, not 5,000 cells
    const bytesOf = fs.readFileSync(file);
    const entry = readZipDirectory(bytesOf).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const xml = zlib.inflateRawSync(bytesOf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize)).toString();
    expect(xml.match(/sqref="[^"]+"/g)?.sort()).toEqual(['sqref="C2:C5001"', 'sqref="H2:H5001"', 'sqref="L2:L5001"', 'sqref="N2:N5001"', 'sqref="P2:P5001"']);
    const options = wb.getWorksheet('选项')!;
    expect(options.getColumn(1).values.slice(1)).toEqual(['类别', '合同签订', '招标采购', '自定义类别']);
    expect(options.getColumn(4).values.slice(1)).toEqual(['状态', '已登记', '已分派', '已出具意见', '已办结', '已撤回']);
    const notes = wb.getWorksheet('说明')!;
    expect(notes.getCell('A1').value).toBe('法律顾问咨询台账 导入模板 使用说明');
  });

  it('the example row is refused; a filled-in template imports cleanly', async () => {
    const app = testApp();
    await seedBasics(app);
    const file = path.join(tempDir(), '模板.xlsx');
    await writeImportTemplate(file);
    const asIs = buildPlan(app.ctx(), await readImportFile(file), { createMissing: true });
    expect(asIs.headerRow).toBe(1);
    expect(asIs.columns.every((c) => c.field === c.proposed && c.field !== null)).toBe(true);
    expect(asIs.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.column, p.message])).toEqual([
      [2, '备注', '这是导入模板中的示例行，请删除后再导入'],
    ]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('台账')!;
    sheet.getCell('U2').value = '已核对';
    sheet.getCell('A2').value = null;
    sheet.getRow(3).values = [null, '第二件', '采购', '政策法规处', null, day('2025-04-01')];
    await wb.xlsx.writeFile(file);
    const source = await readImportFile(file);
    const plan = buildPlan(app.ctx(), source, { createMissing: true });
    expect(plan.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const result = await commitImport(app.ctx(), source, { createMissing: true });
    expect(result).toMatchObject({ rowCount: 2, createdCounsels: [], serials: { kept: 0, assigned: 2 } });
    const first = await app.call('consultations.get', { id: 1 });
    expect(first).toMatchObject({
      title: '关于办公楼物业服务采购合同的合法性审查',
      status: 'closed',
      outcome: 'adopted',
      outcomeOn: '2025-03-10',
      closedOn: '2025-03-10',
      assignedOn: '2025-03-04',
      dueOn: '2025-03-12',
      counselName: '王律师',
      requester: '张三',
    });
    expect(first.opinions).toMatchObject([{ conclusion: 'approveWithChanges', text: '建议补充违约责任和争议解决条款。', issuedOn: '2025-03-07' }]);
  });

  it('writes atomically: an existing file is replaced whole; a folder in the way fails without leftovers', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.xlsx');
    fs.writeFileSync(file, 'old');
    await writeImportTemplate(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    fs.mkdirSync(path.join(dir, 'folder.xlsx'));
    await expect(writeImportTemplate(path.join(dir, 'folder.xlsx'))).rejects.toThrow('这是一个文件夹');
    expect(fs.readdirSync(dir).sort()).toEqual(['folder.xlsx', 't.xlsx']);
  });
});
