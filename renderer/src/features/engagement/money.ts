/** Money typed and shown in yuan, kept in fen (integers) — the rules are the domain's (parseYuan, yuanText). */
import type { TFunction } from 'i18next';
import type { FormRule } from 'antd';
import { parseDateInput } from '#domain/date-input';
import { parseYuan, yuanText } from '#domain/engagement';

export { parseYuan, yuanText };

/** The form rule of an amount in yuan: required, at most two decimals, more than zero when `positive`. */
export function yuanRules(t: TFunction, field: string, positive = false): FormRule[] {
  return [
    {
      validator(_, value: string | undefined) {
        if (!value || value.trim() === '') return Promise.reject(new Error(t('validation.required', { field })));
        const fen = parseYuan(value);
        if (fen === null || (positive && fen === 0)) return Promise.reject(new Error(t('engagement.engagements.feeInvalid')));
        return Promise.resolve();
      },
    },
  ];
}

/** The day a DateInput's value stands for (the rules passed), or null when empty. */
export function dayOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const r = parseDateInput(value);
  return r.ok ? r.day : null;
}
