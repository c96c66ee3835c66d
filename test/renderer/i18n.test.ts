import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en';
import zhCN from '../../renderer/src/i18n/zh-CN';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const zh = flatten(zhCN as Tree);
const english = flatten(en as unknown as Tree);
const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

describe('locale files', () => {
  it('have exactly the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('use the same interpolation variables for every key', () => {
    for (const [key, text] of zh) expect({ key, vars: vars(english.get(key) ?? '') }).toEqual({ key, vars: vars(text) });
  });

  it('have no empty strings', () => {
    for (const [key, text] of [...zh, ...english]) expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });

  it('keep Chinese out of the English file, except the language name and the serial format', () => {
    const allowed = new Set(['lang.zh', 'settings.serialExample']);
    const offenders = [...english].filter(([key, text]) => CJK.test(text) && !allowed.has(key)).map(([key]) => key);
    expect(offenders).toEqual([]);
  });

  it('cover every error code of the envelope', async () => {
    const { ERROR_CODES } = await import('#domain/errors');
    for (const code of ERROR_CODES) expect(zh.has(`errors.${code}`)).toBe(true);
  });
});
