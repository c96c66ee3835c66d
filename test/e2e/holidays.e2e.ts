/**
 * 节假日 (issue 25, item 11): a new database comes with the State Council's
 * schedule and its source; a year without any says so; for a year an admin
 * already edited, 导入国务院安排 adds the official days and keeps the admin's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFromMenu } from './steps';
import { openApp, screenshot, type App } from './support';

let app: App;

beforeAll(async () => void (app = await openApp()));
afterAll(() => app?.close());

const pickYear = async (year: number) => {
  const { page } = app;
  await page.getByRole('combobox', { name: '年度' }).click();
  await page.locator(`.ant-select-item-option[title="${year} 年"]`).click();
};

describe('节假日', () => {
  it('shows the State Council schedule loaded at setup, with its source', async () => {
    const { page } = app;
    await openFromMenu(page, '节假日');
    const table = page.getByRole('table');
    await table.getByRole('row', { name: /2025-10-01.*放假.*国庆节、中秋节/ }).waitFor();
    await table.getByRole('row', { name: /2025-09-28.*调休上班.*国庆节、中秋节调休上班/ }).waitFor();
    await page.getByText('国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）').waitFor(); // after 来源：, as the notice's own title
    expect(await table.getByRole('row').count()).toBe(1 + 28 + 5);
    await screenshot(page, '81-holidays-official');
  });

  it('says when a year has no schedule yet', async () => {
    const { page } = app;
    await pickYear(2024);
    await page.getByRole('status').getByText('2024 年还没有节假日安排').waitFor();
    await page.getByText('本软件尚未收录 2024 年的国务院安排').waitFor();
    expect(await page.getByRole('button', { name: '导入国务院安排' }).count()).toBe(0);
    await screenshot(page, '82-holidays-none-yet');
  });

  it('imports the official days into a year the admin edited, keeping the admin’s entries', async () => {
    const { page } = app;
    await app.call('calendar.setHolidays', { year: 2026, days: [{ day: '2026-10-01', kind: 'holiday', name: '本单位自定' }] });
    await pickYear(2026);
    const table = page.getByRole('table');
    await table.getByRole('row', { name: /2026-10-01.*本单位自定/ }).waitFor();
    expect(await table.getByRole('row').count()).toBe(2);
    await page.getByRole('button', { name: '导入国务院安排' }).click();
    await page.getByText('已加入国务院安排中的 38 天，请核对后保存 2026 年安排').waitFor();
    await table.getByRole('row', { name: /2026-02-15.*放假.*春节/ }).waitFor();
    expect(await table.getByRole('row', { name: /2026-10-01/ }).textContent()).toContain('本单位自定');
    await page.getByRole('button', { name: '保存 2026 年安排' }).click();
    await page.getByText('已保存 2026 年节假日安排').waitFor();
    const saved = await app.call<{ day: string; name: string }[]>('calendar.holidays', { year: 2026 });
    expect(saved).toHaveLength(39);
    expect(saved.find((d) => d.day === '2026-10-01')?.name).toBe('本单位自定');
    await screenshot(page, '83-holidays-imported', { keepToasts: true });
  });
});
