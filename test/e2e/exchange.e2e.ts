/**
 * 数据交换 screen (issue 23, office end): in the system menu for the office account; before
 * a key it says so; after the key is made and a counsel's key paired (and an earlier one
 * replaced) it lists the fingerprint, the counsel and which key is active or revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIdentity, keyFileText } from '../../electron/services/exchange/keys';
import { openFromMenu } from './steps';
import { openApp, seedBasics, type App, type Basics } from './support';

let app: App;
let basics: Basics;

beforeAll(async () => {
  app = await openApp();
  basics = await seedBasics(app);
});

afterAll(() => app?.close());

describe('数据交换', () => {
  it('shows the office key and the paired counsel keys, the replaced one as revoked', async () => {
    const { page } = app;
    await openFromMenu(page, '数据交换');
    await page.getByText('本机还没有交换密钥').waitFor();

    const own = await app.call<{ fingerprint: string }>('exchange.setup', { name: '某某局', password: 'office-password-1' });
    const wang = basics.counsels[0]!;
    const first = generateIdentity('counsel', '王建国的电脑', 'counsel-password-1').public;
    const second = generateIdentity('counsel', '王建国的新电脑', 'counsel-password-1').public;
    for (const key of [first, second]) {
      await app.call('exchange.addPeer', { counselId: wang.id, keyFileText: keyFileText(key), confirmFingerprint: key.fingerprint });
    }

    // the screen's query is fresh for a few seconds: reload to read what the calls wrote
    await page.reload();
    await page.getByRole('heading', { name: '数据交换' }).waitFor();
    await page.getByText(own.fingerprint).waitFor();
    const rows = page.getByRole('region', { name: '公钥记录（含已撤销的）' }).locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    // newest first: the new key active, the earlier one revoked when it was replaced
    expect(await rows.nth(0).textContent()).toContain(second.fingerprint);
    expect(await rows.nth(0).textContent()).toContain('有效');
    expect(await rows.nth(1).textContent()).toContain(first.fingerprint);
    expect(await rows.nth(1).textContent()).toMatch(/已撤销（\d{4}-\d{2}-\d{2}）/);
    expect(await rows.nth(0).textContent()).toContain(wang.name);
  });
});
