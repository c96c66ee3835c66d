/** How a failed call is told to the user, and how field issues land next to their fields. */
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { currentLanguage } from '../i18n';

/**
 * The server's messages are zh-CN and specific: show them in the Chinese UI.
 * The English UI shows the generic text of the error code instead.
 */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.transport) return t('errors.transport');
    return currentLanguage() === 'en' ? t(`errors.${error.code}`) : error.message;
  }
  return t('errors.INTERNAL');
}

/**
 * Puts the server's field issues (dotted paths, e.g. "dueOn") onto the form's
 * fields. Returns whether any issue found its field.
 */
export function applyIssues(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || error.issues.length === 0) return false;
  const known = new Set(fields);
  const byField = new Map<string, string[]>();
  for (const issue of error.issues) {
    const name = issue.path.split('.')[0] ?? '';
    if (!known.has(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), issue.message]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return true;
}
