/** Counters on limited text fields: the limit from electron/domain/limits.ts, shown as "12 / 200"; text over it is marked, never cut. */
import type { FormRule, InputProps } from 'antd';
import type { TFunction } from 'i18next';

export function textCount(max: number): NonNullable<InputProps['count']> {
  return { show: true, max };
}

/** A text field's rules: at most `max` characters and, when `required` names the field, not empty or blank. */
export function textRules(t: TFunction, max: number, required?: string): FormRule[] {
  const maxRule: FormRule = { max, message: t('validation.maxLength', { max }) };
  return required === undefined ? [maxRule] : [{ required: true, whitespace: true, message: t('validation.required', { field: required }) }, maxRule];
}
