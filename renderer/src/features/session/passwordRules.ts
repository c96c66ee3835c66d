/**
 * The password rules (electron/domain/password.ts), checked as the person types
 * (the main process checks them again and has the last word).
 */
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { passwordProblemOf } from '#domain/password';

/** Form rules for a new password; `username` is read when the rule runs (it may be typed on the same form). */
export function newPasswordRules(t: TFunction, username: () => string): FormRule[] {
  return [
    { required: true, message: t('auth.passwordRequired') },
    {
      validator(_, value: string | undefined) {
        if (!value) return Promise.resolve();
        const problem = passwordProblemOf(value, username().trim());
        return problem ? Promise.reject(new Error(t(`auth.rules.${problem}`))) : Promise.resolve();
      },
    },
  ];
}

/** The repeat must match the field `of`. */
export function repeatRule(t: TFunction, of: string): FormRule {
  return ({ getFieldValue }) => ({
    validator(_, value: string | undefined) {
      if (!value) return Promise.reject(new Error(t('auth.repeatRequired')));
      return value === getFieldValue(of) ? Promise.resolve() : Promise.reject(new Error(t('auth.repeatMismatch')));
    },
  });
}
