/**
 * The password rules, one home for the main process (which has the last word)
 * and the forms (which check as the person types): 8 to 128 characters, three
 * of the four classes (lower case, upper case, digits, symbols), not containing
 * the user name.
 */
export type PasswordProblem = 'tooShort' | 'tooLong' | 'classes' | 'containsUsername';

export function passwordProblemOf(password: string, username: string): PasswordProblem | null {
  if (password.length < 8) return 'tooShort';
  if (password.length > 128) return 'tooLong';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'classes';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'containsUsername';
  return null;
}

/** The services' words for each problem. */
export const PASSWORD_PROBLEM_ZH: Record<PasswordProblem, string> = {
  tooShort: '密码至少 8 位',
  tooLong: '密码不能超过 128 位',
  classes: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
  containsUsername: '密码不能包含用户名',
};
