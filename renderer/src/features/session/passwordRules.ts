/**
 * The password rules (electron/domain/password.ts) and the user name's, checked as the
 * person types (the main process checks them again and has the last word).
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

const USERNAME = /^[A-Za-z0-9_.\-\u4e00-\u9fff]+$/;

/** Form rules for a new account's user name: 2 to 30 letters, digits, Chinese characters, _ . - */
export function usernameRules(t: TFunction): FormRule[] {
  return [
    { required: true, whitespace: true, message: t('auth.usernameRequired') },
    { min: 2, max: 30, message: t('auth.usernameLength') },
    { pattern: USERNAME, message: t('auth.usernameChars') },
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
