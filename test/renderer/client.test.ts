import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, call, unwrap } from '../../renderer/src/api/client';
import { setLanguage } from '../../renderer/src/i18n';

afterEach(() => {
  delete window.ledger;
});

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('the typed client', () => {
  it('returns the value of an ok envelope and sends the method and input as given', async () => {
    const seen: unknown[] = [];
    window.ledger = {
      call: async (method, input) => {
        seen.push([method, input]);
        return { ok: true, value: { officeName: 'x', serialPrefix: 'p', defaultDueDays: 7, reportTemplate: 't' } };
      },
    };
    const settings = await call('settings.get', {});
    expect(settings.defaultDueDays).toBe(7);
    expect(seen).toEqual([['settings.get', {}]]);
  });

  it('throws an ApiError carrying code, message and field issues', async () => {
    window.ledger = {
      call: async () => ({
        ok: false,
        error: { code: 'VALIDATION', message: '输入有误（title）：请填写事项名称', issues: [{ path: 'title', message: '请填写事项名称' }] },
      }),
    };
    const e = await rejection(call('consultations.get', { id: 1 }));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe('输入有误（title）：请填写事项名称');
    expect(e.issues).toEqual([{ path: 'title', message: '请填写事项名称' }]);
    expect(e.transport).toBe(false);
  });

  it('keeps CONFLICT distinguishable (the edit form offers to reload)', async () => {
    window.ledger = { call: async () => ({ ok: false, error: { code: 'CONFLICT', message: '该记录已被他人修改' } }) };
    const e = await rejection(call('consultations.close', { id: 1, version: 1 }));
    expect(e.code).toBe('CONFLICT');
  });

  it('maps unknown codes to INTERNAL, drops malformed issues and fills a missing message', async () => {
    await setLanguage('zh-CN');
    const e = (() => {
      try {
        unwrap({ ok: false, error: { code: 'WEIRD', issues: [{ path: 3 }, { path: 'a', message: 'm' }, null] } });
      } catch (error) {
        return error as ApiError;
      }
      throw new Error('expected a throw');
    })();
    expect(e.code).toBe('INTERNAL');
    expect(e.message).toBe('操作未完成：程序内部错误，数据未被修改');
    expect(e.issues).toEqual([{ path: 'a', message: 'm' }]);
  });

  it('treats a missing bridge, a failed transport and a non-envelope as transport errors', async () => {
    expect((await rejection(call('app.info', {}))).transport).toBe(true);
    window.ledger = { call: async () => Promise.reject(new Error('socket hang up')) };
    expect((await rejection(call('app.info', {}))).transport).toBe(true);
    window.ledger = { call: async () => 'not an envelope' as never };
    expect((await rejection(call('app.info', {}))).transport).toBe(true);
  });
});

describe('showing errors', () => {
  it('puts field issues on their fields and shows the server text in Chinese, the code text in English', async () => {
    const { applyIssues, errorText } = await import('../../renderer/src/shared/errors');
    const { i18n } = await import('../../renderer/src/i18n');
    const set: unknown[] = [];
    const form = { setFields: (f: unknown) => set.push(f) } as never;
    const e = new ApiError('VALIDATION', 'x', [
      { path: 'dueOn', message: '办理时限不能早于收件日期' },
      { path: 'dueOn', message: '另一条' },
      { path: 'unknownField', message: 'ignored' },
    ]);
    expect(applyIssues(form, e, ['title', 'dueOn'])).toBe(true);
    expect(set).toEqual([[{ name: 'dueOn', errors: ['办理时限不能早于收件日期', '另一条'] }]]);
    expect(applyIssues(form, new ApiError('CONFLICT', 'c'), ['title'])).toBe(false);

    const inUse = new ApiError('IN_USE', '类别“合同签订”已被 3 条咨询事项使用');
    await setLanguage('zh-CN');
    expect(errorText(inUse, i18n.t)).toBe('类别“合同签订”已被 3 条咨询事项使用');
    await setLanguage('en');
    expect(errorText(inUse, i18n.t)).toBe('The record is in use and cannot be deleted');
    await setLanguage('zh-CN');
  });
});
