/** The documents methods through the router (validation, roles, save dialogs), on a real SQLite file. */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { defaultTemplate } from '../../electron/services/documents/default-templates';
import { withHost } from '../helpers/host';
import { tempDir, testApp } from '../helpers/ledger';
import { docxParts } from '../reports/readers';
import { seedDocumentItem } from './seed';

describe('documents.* through the router', () => {
  it('saves a document, a case file and a year\'s case files where the user chose; a cancel writes nothing', async () => {
    const app = testApp();
    const s = await seedDocumentItem(app);
    const dir = tempDir();
    const asked: string[] = [];
    const h = withHost(app, { chooseSavePath: async ({ defaultName }) => (asked.push(defaultName), path.join(dir, defaultName)), chooseFolder: async () => dir });
    const doc = await h.call('documents.save', { id: s.id, kind: 'opinion', round: 1 });
    expect(asked[0]).toBe('法咨〔2025〕1号 合法性审查意见书（第1轮）.docx');
    expect((await docxParts(doc.path)).text).toContain('修改后同意');
    const zip = await h.call('documents.caseFile', { id: s.id });
    expect(zip.files).toBe(Object.values((await JSZip.loadAsync(fs.readFileSync(zip.path))).files).filter((f) => !f.dir).length);
    expect(await h.call('documents.yearCaseFiles', { year: 2025 })).toEqual({ path: path.join(dir, '2025年法律顾问咨询卷宗'), items: 1 });
    const cancel = withHost(app);
    expect(await cancel.call('documents.caseFile', { id: s.id })).toBeNull();
  });

  it('uploads a template as base64 (a .docx only), lists and resets it', async () => {
    const app = testApp();
    const h = withHost(app);
    const bytes = await defaultTemplate('opinion');
    const info = await h.call('documents.uploadTemplate', { kind: 'opinion', fileName: '意见书.docx', dataBase64: bytes.toString('base64') });
    expect(info).toMatchObject({ kind: 'opinion', replaced: { fileName: '意见书.docx', size: bytes.length } });
    await expect(h.call('documents.uploadTemplate', { kind: 'opinion', fileName: '意见书.doc', dataBase64: bytes.toString('base64') })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(h.call('documents.uploadTemplate', { kind: 'letter', fileName: 'a.docx', dataBase64: '' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await h.call('documents.templates', {})).map((t: { replaced: unknown }) => t.replaced !== null)).toEqual([false, true]);
    expect((await h.call('documents.resetTemplate', { kind: 'opinion' })).replaced).toBeNull();
    // one audit record each for the replacement and the reset; the refused uploads none
    expect(app.ledger.sqlite.prepare("SELECT action FROM audit_log WHERE entity = 'document_template' ORDER BY id").pluck().all()).toEqual(['documents.replaceTemplate', 'documents.resetTemplate']);
  });
});
