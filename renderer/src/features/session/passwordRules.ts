/**
 * The password rules, checked as the person types (the main process checks them
 * again and has the last word): at least 8 characters, three of the four classes
 * (lower case, upper case, digits, symbols), not containing the user name.
 */
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

export type PasswordProblem = 'tooShort' | 'tooLong' | 'classes' | 'containsUsername';

export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if (password.length < 8) return 'tooShort';
  if (password.length > 128) return 'tooLong';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'classes';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'containsUsername';
  return null;
}

/** Form rules for a new password; `username` is read when the rule runs (it may be typed on the same form). */
export function newPasswordRules(t: TFunction, username: () => string): FormRule[] {
  return [
    { required: true, message: t('auth.passwordRequired') },
    {
      validator(_, value: string | undefined) {
        if (!value) return Promise.resolve();
        const problem = passwordProblem(value, username().trim());
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
