/**
 * A failed automatic backup shows on screen until a backup succeeds (issue 19,
 * finding 6): the backup folder cannot be created (a file stands where it
 * should be), so the start's automatic backup really fails in the runtime; the
 * administrator sees the red banner on every screen, follows its link to 备份与恢复,
 * and once the folder is fixed, 立即备份 succeeds and the banner is gone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type App } from './support';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-backup-problem-'));
const backupDir = path.join(dir, 'backups');
let app: App;

beforeAll(async () => {
  // where the automatic backup goes by default, a file: the folder cannot be made
  fs.writeFileSync(backupDir, 'a file where the backup folder should be');
  app = await openApp({ dir });
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a failed automatic backup', () => {
  it('shows a red banner on every screen until a manual backup succeeds', async () => {
    const { page } = app;
    // the runtime's own automatic backup failed, and nothing was written
    expect(await app.harness.runtime.autoBackup).toBeNull();
    expect(fs.statSync(backupDir).isFile()).toBe(true);

    const banner = page.getByRole('alert').filter({ hasText: '自动备份失败（2025-06-10 10:00' });
    await banner.waitFor();
    await banner.getByText(/此后尚无成功的备份/).waitFor();
    await banner.getByText(`原因：备份未进行：备份文件夹 ${backupDir} 无法使用（该位置已有一个同名文件，不是文件夹）`).waitFor();
    await screenshot(page, '65-auto-backup-failed-banner');

    // on another screen too
    await page.getByRole('menuitem', { name: '年度统计' }).click();
    await page.getByRole('heading', { name: '年度统计' }).waitFor();
    await banner.waitFor();

    // a backup that fails again keeps it
    await banner.getByRole('button', { name: '前往备份与恢复' }).click();
    await page.getByRole('heading', { name: '备份与恢复' }).waitFor();
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.locator('.ant-message-error').filter({ hasText: '该位置已有一个同名文件，不是文件夹' }).waitFor();
    await banner.waitFor();

    // the folder fixed: a manual backup succeeds and the banner goes away
    fs.rmSync(backupDir);
    app.advanceClock(60_000);
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByText(/^已备份：/).waitFor();
    await banner.waitFor({ state: 'detached' });
    expect(fs.readdirSync(backupDir).filter((f) => f.endsWith('-manual.sqlite3'))).toHaveLength(1);
    expect((await app.sessionCall<{ backupProblem: unknown }>('recovery.status')).backupProblem).toBeNull();
  });
});
