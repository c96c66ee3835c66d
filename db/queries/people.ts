/**
 * The one place that turns a stored user name (created_by, updated_by, actor …)
 * into the name a person is shown by: the account's 姓名, the built-in local
 * administrator's label, or the user name itself for an account that no
 * longer exists (records keep who did what, even after an account is gone).
 */

/** The caller of tools that run on the machine itself (command line, restore). */
export const LOCAL_ADMIN_USERNAME = 'local-admin';
export const LOCAL_ADMIN_NAME = '本机管理员';

/** SQL for the display name of the user name in `column` (an expression or a qualified column). */
export function personNameSql(column: string): string {
  return `coalesce((SELECT display_name FROM users WHERE username = ${column}), CASE ${column} WHEN '${LOCAL_ADMIN_USERNAME}' THEN '${LOCAL_ADMIN_NAME}' ELSE ${column} END)`;
}

/** SQL for a consultation's serial number, 法咨〔2026〕10号, from the table alias `c` (or none). */
export function serialNoSql(alias?: string): string {
  const c = alias ? `${alias}.` : '';
  return `${c}serial_prefix || '〔' || ${c}serial_year || '〕' || ${c}serial_seq || '号'`;
}
