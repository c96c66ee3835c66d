/**
 * The language switch: after choosing English, every screen speaks English.
 * What may stay Chinese is the office's own data (titles, names, numbers, the
 * report template) and the language switch's own "中文"; anything else in
 * Chinese is a string that missed i18n.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from './seed';
import { OFFICE, openApp, PASSWORD, type App } from './support';

let app: App;
let data: string[];

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;

beforeAll(async () => {
  app = await openApp();
  await seedLedger(app);
  data = await dataStrings();
  await app.page.reload();
});

afterAll(async () => {
  await app?.close();
});

/** Everything the office typed in (or the seed did): allowed to stay in Chinese. */
async function dataStrings(): Promise<string[]> {
  const out = new Set<string>(['中文']);
  const settings = await app.call('settings.get');
  for (const v of [settings.officeName, settings.serialPrefix, settings.reportTemplate]) out.add(v);
  for (const d of await app.call<{ name: string }[]>('departments.list', { includeInactive: true })) out.add(d.name);
  for (const c of await app.call<{ name: string; firm: string }[]>('counsels.list', { includeInactive: true })) {
    out.add(c.name);
    out.add(c.firm);
  }
  for (const c of await app.call<{ nameZh: string }[]>('categories.list', { includeInactive: true })) out.add(c.nameZh);
  for (const u of await app.call<{ displayName: string; counselName: string | null }[]>('users.list')) out.add(u.displayName);
  // the holidays' names (元旦, 春节调休上班 …): the State Council's schedule as loaded, editable like any other data
  for (const year of [2025, 2026]) for (const h of await app.call<{ name: string }[]>('calendar.holidays', { year })) out.add(h.name);
  for (const trashed of [false, true]) {
    const page = await app.call<{ rows: { id: number }[] }>('consultations.list', { trashed, pageSize: 500 });
    for (const { id } of page.rows) {
      const d = await app.call('consultations.get', { id });
      for (const v of [d.title, d.serialNo, d.requester, d.description, d.note, d.outcomeReason ?? '']) out.add(v);
      for (const o of d.opinions) out.add(o.text);
      for (const h of d.history) out.add(h.reason);
    }
  }
  return [...out].filter(Boolean).sort((a, b) => b.length - a.length);
}

/** Chinese left on the page once the office's data is taken out. */
async function leftoverChinese(page: Page): Promise<string[]> {
  await page.waitForTimeout(300);
  // text marked lang="zh-CN" is the office's Chinese content (the report sentence), not UI
  let text = await page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of body.querySelectorAll('[lang="zh-CN"]')) el.remove();
    document.documentElement.appendChild(body);
    const t = body.innerText;
    body.remove();
    return t;
  });
  for (const d of data) text = text.split(d).join(' ');
  // the serial number's fixed format, e.g. 法咨〔2025〕7号, with any prefix
  text = text.replace(/〔\d{4}〕\d+号/g, ' ');
  return text.match(CJK) ?? [];
}

/** Latin words on a zh-CN page, once the office's data, file names, paths and the few words Chinese software writes in Latin letters are taken out. */
async function leftoverEnglish(page: Page): Promise<string[]> {
  await page.waitForTimeout(300);
  let text = await page.locator('body').innerText();
  for (const d of [...data, ...usernames]) text = text.split(d).join(' ');
  text = text
    .replace(/[\w.-]*\.(sqlite3|xlsx|csv|docx|pdf|txt)\b/gi, ' ')
    .replace(/(?:[A-Za-z]:)?[\\/][^\s]+/g, ' ')
    // the report template's placeholders, e.g. {year}: what the admin types; the document templates' merge fields and loops ({#checklist} … {/checklist})
    .replace(/\{[#/]?\w+\}/g, ' ');
  const allowed = new Set(['English', 'Ctrl', 'XLSX', 'CSV', 'DOCX', 'PDF', 'Excel', 'Word', 'WPS', 'UTF', 'KB', 'MB', 'GB']);
  return (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !allowed.has(w));
}

/** the office's data in Latin letters */
let usernames: string[] = [];

describe('the Chinese UI', () => {
  it('leaves no English UI text on any screen', async () => {
    const { page } = app;
    // data in Latin letters: the user names, and the categories' English names (a column of 类别)
    usernames = (await app.call<{ username: string }[]>('users.list')).map((u) => u.username);
    for (const c of await app.call<{ nameEn: string }[]>('categories.list', { includeInactive: true })) usernames.push(c.nameEn);
    usernames.sort((a, b) => b.length - a.length);
    const screens = ['#/ledger?year=all', '#/consultations/new', '#/counsels', '#/departments', '#/categories', '#/settings', '#/trash', '#/reports',
      '#/users', '#/holidays', '#/backups', '#/audit', '#/import', '#/exchange', '#/templates'];
    for (const hash of screens) {
      await app.goto(hash);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect({ hash, left: await leftoverEnglish(page) }).toEqual({ hash, left: [] });
    }
    await app.goto('#/ledger');
  });
});

describe('the language switch', () => {
  it('switches the whole frame to English and remembers it', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: '咨询台账' }).waitFor();
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Consultation ledger' }).waitFor();
    await page.getByRole('menuitem', { name: 'Ledger' }).waitFor();
    await page.getByRole('columnheader', { name: 'Received on' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.title()).toBe('Counsel Ledger');
    expect(await leftoverChinese(page)).toEqual([]);
    await page.reload();
    await page.getByRole('heading', { name: 'Consultation ledger' }).waitFor();
  });

  it('leaves no Chinese UI text on any screen', async () => {
    const { page } = app;
    const screens: [string, string][] = [
      ['#/ledger?year=all', 'Consultation ledger'],
      ['#/consultations/new', 'Register a consultation'],
      ['#/counsels', 'Counsel'],
      ['#/departments', 'Divisions'],
      ['#/categories', 'Categories'],
      ['#/settings', 'Settings'],
      ['#/trash', 'Trash'],
      ['#/reports', 'Annual report'],
      ['#/users', 'Accounts'],
      ['#/holidays', 'Holidays'],
      ['#/backups', 'Backups'],
      ['#/audit', 'Audit log'],
      ['#/import', 'Import old ledger'],
      ['#/exchange', 'Data exchange'],
      ['#/templates', 'Document templates'],
    ];
    for (const [hash, heading] of screens) {
      await app.goto(hash);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      expect({ hash, left: await leftoverChinese(page) }).toEqual({ hash, left: [] });
    }
  });

  it('speaks English in the form, its validation, the detail page and the dialogs', async () => {
    const { page } = app;
    await app.goto('#/consultations/new');
    await page.getByLabel('Subject').fill(' ');
    await page.keyboard.press('Control+s');
    await page.getByText('Please enter Subject').waitFor();
    await page.getByText('Please select Category').waitFor();
    expect(await leftoverChinese(page)).toEqual([]);

    const closed = await app.call<{ rows: { id: number }[] }>('consultations.list', { status: 'closed', year: 2025 });
    await app.goto(`#/consultations/${closed.rows[0]!.id}`);
    // the form has typed text: leaving asks first, in English too
    const prompt = page.getByRole('dialog').filter({ hasText: 'Unsaved changes' });
    await prompt.waitFor();
    expect(await leftoverChinese(page)).toEqual([]);
    await prompt.getByRole('button', { name: 'Discard and leave' }).click();
    await page.getByText('History', { exact: true }).waitFor();
    await page.getByText('Legal opinions', { exact: true }).waitFor();
    expect(await leftoverChinese(page)).toEqual([]);

    const open = await app.call<{ rows: { id: number }[] }>('consultations.list', { status: 'registered', year: 2025 });
    await app.goto(`#/consultations/${open.rows[0]!.id}`);
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByRole('dialog', { name: 'Assign counsel' }).waitFor();
    expect(await leftoverChinese(page)).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByRole('dialog', { name: 'Withdraw the consultation' }).waitFor();
    expect(await leftoverChinese(page)).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('speaks English in the search, the lock screen and the login screen', async () => {
    const { page } = app;
    await app.goto('#/ledger');
    await page.keyboard.press('Control+k');
    const search = page.getByRole('dialog', { name: 'Search' });
    await search.getByRole('combobox', { name: 'Search text' }).fill('合同');
    await search.getByRole('option').first().waitFor();
    expect(await leftoverChinese(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Lock' }).click();
    const lock = page.getByRole('dialog', { name: 'Locked' });
    await lock.getByLabel('Password').fill('Wrong#2025x');
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await lock.getByText('Not unlocked: wrong password, or the account is locked.').waitFor();
    expect(await leftoverChinese(page)).toEqual([]);
    await lock.getByLabel('Password').fill(PASSWORD);
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await lock.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await page.getByLabel('User name').fill(OFFICE.username);
    await page.getByLabel('Password').fill('Wrong#2025x');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText(/^Not signed in/).waitFor();
    expect(await leftoverChinese(page)).toEqual([]);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Consultation ledger' }).waitFor();
  });

  it('switches back to Chinese', async () => {
    const { page } = app;
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('menuitem', { name: '咨询台账' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // the check above would have caught Chinese: here it must find some
    expect((await leftoverChinese(page)).length).toBeGreaterThan(0);
  });
});
