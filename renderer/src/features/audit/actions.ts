/**
 * The audit log's actions in words. An action is a contract method's name (a
 * refused call records the method it asked for) or one of the service's own
 * events (auth.lockout, attachments.add, recovery.restore…); unknown ones show
 * their code.
 */
import type { TFunction } from 'i18next';

export const AUDIT_ACTIONS = [
  'auth.setup',
  'auth.login',
  'auth.logout',
  'auth.unlock',
  'auth.lockout',
  'auth.changePassword',
  'users.create',
  'users.update',
  'users.resetPassword',
  'settings.update',
  'calendar.setHolidays',
  'categories.create',
  'categories.update',
  'categories.delete',
  'departments.create',
  'departments.update',
  'departments.delete',
  'counsels.create',
  'counsels.update',
  'consultations.create',
  'consultations.update',
  'consultations.assign',
  'consultations.addOpinion',
  'consultations.recordOutcome',
  'consultations.close',
  'consultations.withdraw',
  'consultations.reopen',
  'consultations.trash',
  'consultations.restore',
  'consultations.import',
  'consultations.importUndo',
  'import.commit',
  'import.undo',
  'attachments.add',
  'attachments.remove',
  'attachments.restore',
  'backups.create',
  'backups.restore',
  'backups.configure',
  'recovery.restore',
] as const;

type KnownAction = (typeof AUDIT_ACTIONS)[number];
type Key<A extends string> = A extends `${infer D}.${infer M}` ? `${D}_${M}` : never;

function isKnown(action: string): action is KnownAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

export function actionLabel(action: string, t: TFunction): string {
  if (!isKnown(action)) return action;
  return t(`audit.actions.${action.replace('.', '_') as Key<KnownAction>}`);
}

export const AUDIT_ENTITIES = ['consultation', 'user', 'call', 'backup', 'settings', 'holidays', 'category', 'department', 'counsel', 'import_batch'] as const;
type KnownEntity = (typeof AUDIT_ENTITIES)[number];

/** What the record is about: "咨询事项 · 法咨〔2026〕12号", "账号 · 刘洋"; a refused call is about the call itself. */
export function entityLabel(entity: string, entityId: string | null, entityName: string | null, t: TFunction): string {
  const known = (AUDIT_ENTITIES as readonly string[]).includes(entity) ? t(`audit.entities.${entity as KnownEntity}`) : entity;
  // the serial number or the name people know it by; the stored key only for what no longer exists
  const which = entityName ?? entityId;
  return which ? `${known} · ${which}` : known;
}
