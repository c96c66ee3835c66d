/**
 * Steps several e2e files take the same way: an item registered (and answered) through the
 * router, a screen reached, a dialog opened, the 登记咨询 form filled, an opinion given in
 * its dialog, another account signed in. Each does what the files did inline, in the same order.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Conclusion, ConsultationDetail } from '#domain/types';
import { choose, markChecklist, signIn, signOut, type App, type Basics } from './support';

export interface NewItem {
  title: string;
  /** the category's code, e.g. 'contract' */
  category: string;
  /** index into basics.departments; default the first (综合处) */
  department?: number;
  receivedOn: string;
  requester?: string;
  description?: string;
}

/** Registers one item (项数 1) through the router, as the office account. */
export function registerItem(app: App, basics: Basics, { category, department = 0, ...fields }: NewItem): Promise<ConsultationDetail> {
  return app.call('consultations.create', { ...fields, categoryId: basics.category(category), departmentId: basics.departments[department]!.id, itemCount: 1 });
}

export interface OpinionSpec {
  conclusion: Conclusion;
  text: string;
  issuedOn: string;
}

/** Assigns an item to the first counsel (王建国) and adds its opinions, round after round, through the router. */
export async function assignAndAnswer(app: App, basics: Basics, item: ConsultationDetail, assignedOn: string, opinions: OpinionSpec[]): Promise<ConsultationDetail> {
  let d = await app.call<ConsultationDetail>('consultations.assign', { id: item.id, version: item.version, counselId: basics.counsels[0]!.id, assignedOn });
  for (const opinion of opinions) d = await app.call<ConsultationDetail>('consultations.addOpinion', { id: d.id, version: d.version, ...opinion });
  return d;
}

/** Goes to a hash route and waits for the screen's heading. */
export async function gotoScreen(app: App, hash: string, heading: string): Promise<void> {
  await app.goto(hash);
  await app.page.getByRole('heading', { name: heading }).waitFor();
}

/** Opens a screen from the sidebar and waits for its heading (of the menu item's name). */
export async function openFromMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('menuitem', { name: item }).click();
  await page.getByRole('heading', { name: item }).waitFor();
}

/** Clicks the button that opens a dialog of the same name, and returns the dialog. */
export async function openDialog(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name }).click();
  return page.getByRole('dialog', { name });
}

/** Types into text fields found by their labels, in the order given. */
export async function fillIn(scope: Page | Locator, fields: Record<string, string>): Promise<void> {
  for (const [label, text] of Object.entries(fields)) await scope.getByLabel(label).fill(text);
}

/** The 登记咨询 form's required fields: 事项名称, then 类别 合同签订 and 提请处室 综合处. */
export async function fillNewItem(page: Page, title: string): Promise<void> {
  await page.getByLabel('事项名称').fill(title);
  await choose(page, '类别', '合同签订');
  await choose(page, '提请处室', '综合处');
}

/** Once a form has saved, the id of the item whose page it went to. */
export async function savedId(page: Page): Promise<number> {
  await expect.poll(() => page.url()).toMatch(/#\/consultations\/\d+$/);
  return Number(/consultations\/(\d+)$/.exec(page.url())![1]);
}

/** On an item's page: 分派, and the counsel chosen in its dialog (returned, not yet sent). */
export async function startAssign(page: Page, counsel: string): Promise<Locator> {
  await page.getByRole('button', { name: '分派', exact: true }).click();
  const assign = page.getByRole('dialog', { name: '分派法律顾问' });
  await choose(page, '法律顾问', counsel);
  return assign;
}

/** On an item's page: 出具意见, the conclusion and the text, every checklist point 符合, sent. */
export async function giveOpinion(page: Page, conclusion: string, text: string): Promise<void> {
  await page.getByRole('button', { name: '出具意见' }).click();
  const opinion = page.getByRole('dialog', { name: '出具法律意见' });
  await opinion.getByRole('radio', { name: conclusion }).check();
  await opinion.getByLabel('意见内容').fill(text);
  await markChecklist(opinion);
  await opinion.getByRole('button', { name: '确定出具意见' }).click();
}

/** Signs the page out and in again as another account. */
export async function switchAccount(page: Page, username: string, password?: string): Promise<void> {
  await signOut(page);
  await signIn(page, username, password);
}
