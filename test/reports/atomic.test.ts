/** An export appears whole or not at all: a failure leaves the old file and no temp file behind. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportReport } from '../../electron/services/reports/export';
import { writeAtomically } from '../../electron/services/reports/export/atomic';
import { tempDir, testApp } from '../helpers/ledger';

describe('atomic export', () => {
  it('a writer that fails halfway leaves the existing file untouched and no temp file', async () => {
    const dir = tempDir();
    const target = path.join(dir, '报告.xlsx');
    fs.writeFileSync(target, 'OLD');
    await expect(
      writeAtomically(target, async (temp) => {
        fs.writeFileSync(temp, 'half of a new fi');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(fs.readFileSync(target, 'utf8')).toBe('OLD');
    expect(fs.readdirSync(dir)).toEqual(['报告.xlsx']);
  });

  it('replaces an existing file in one step and reports its size', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'r.csv');
    fs.writeFileSync(target, 'OLD');
    const bytes = await writeAtomically(target, async (temp) => fs.writeFileSync(temp, 'NEW CONTENT'));
    expect(bytes).toBe(11);
    expect(fs.readFileSync(target, 'utf8')).toBe('NEW CONTENT');
    expect(fs.readdirSync(dir)).toEqual(['r.csv']);
  });

  it('an export into a missing folder or onto a folder fails and creates nothing', async () => {
    const app = testApp();
    const dir = tempDir();
    await expect(exportReport(app.ctx(), { year: 2025, format: 'csv', path: path.join(dir, 'no-such-folder', 'r.csv') })).rejects.toThrow();
    await expect(exportReport(app.ctx(), { year: 2025, format: 'docx', path: dir })).rejects.toThrow(/文件夹/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('an empty year still exports valid files', async () => {
    const app = testApp();
    const dir = tempDir();
    for (const format of ['xlsx', 'csv', 'docx'] as const) {
      const r = await exportReport(app.ctx(), { year: 2030, format, path: path.join(dir, `empty.${format}`) });
      expect(r.rows).toBe(0);
      expect(r.bytes).toBeGreaterThan(0);
    }
  });
});
