/**
 * Which service runs each method. Typed against the contract, so a method
 * without a handler (or a handler of the wrong shape) does not compile.
 */
import { readFileSync } from 'node:fs';
import type { MethodName, OutputOf, ParsedInputOf } from './contract';
import { shanghaiDay } from '../domain/dates';
import { SCHEMA_VERSION } from '../../db/open';
import type { ServiceContext } from '../services/context';
import { listAudit } from '../services/audit';
import * as accounts from '../services/accounts/accounts';
import * as users from '../services/accounts/users';
import * as calendar from '../services/calendar';
import * as attachments from '../services/attachments/attachments';
import { searchConsultations } from '../services/search/search';
import { jobProgress } from '../services/jobs';
import { getSettings, updateSettings } from '../services/settings';
import { createCategory, deleteCategory, listCategories, updateCategory } from '../services/catalog/categories';
import { createDepartment, deleteDepartment, listDepartments, updateDepartment } from '../services/catalog/departments';
import { createCounsel, listCounsels, updateCounsel } from '../services/catalog/counsels';
import { getConsultation, listConsultations, listYears } from '../services/consultations/read';
import * as write from '../services/consultations/write';
import { importHandlers } from './import-handlers';
import { exchangeHandlers } from './exchange-handlers';
import { deskHandlers } from './desk-handlers';
import { reportsHandlers } from './reports-handlers';
import { engagementHandlers } from './engagement-handlers';
import { documentsHandlers } from './documents-handlers';
import { proceduresHandlers } from './procedures-handlers';
import * as backups from '../services/backup/service';
import { AppError } from '../services/errors';

export type Handlers = {
  [M in MethodName]: (ctx: ServiceContext, input: ParsedInputOf<M>) => OutputOf<M> | Promise<OutputOf<M>>;
};

let appVersion: string | undefined;
function packageVersion(): string {
  if (appVersion === undefined) {
    try {
      appVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      appVersion = process.env.npm_package_version ?? '0.0.0';
    }
  }
  return appVersion;
}

export const handlers: Handlers = {
  'app.info': (ctx) => {
    const count = ctx.ledger.sqlite.prepare('SELECT count(*) AS n FROM consultations').get() as { n: number };
    return {
      version: packageVersion(),
      schemaVersion: SCHEMA_VERSION,
      user: {
        username: ctx.caller.username,
        displayName: ctx.caller.displayName,
        roles: [...ctx.caller.roles],
        counselId: ctx.caller.counselId ?? null,
      },
      today: shanghaiDay(ctx.now()),
      isFirstRun: count.n === 0,
    };
  },
  'settings.get': getSettings,
  'settings.update': updateSettings,
  'categories.list': listCategories,
  'categories.create': createCategory,
  'categories.update': updateCategory,
  'categories.delete': deleteCategory,
  'departments.list': listDepartments,
  'departments.create': createDepartment,
  'departments.update': updateDepartment,
  'departments.delete': deleteDepartment,
  'counsels.list': listCounsels,
  'counsels.create': createCounsel,
  'counsels.update': updateCounsel,
  'consultations.list': listConsultations,
  'consultations.years': listYears,
  'consultations.get': getConsultation,
  'consultations.create': write.createConsultation,
  'consultations.update': write.updateConsultation,
  'consultations.assign': write.assignConsultation,
  'consultations.addOpinion': write.addOpinion,
  'consultations.correctOpinion': write.correctOpinion,
  'consultations.correctStepDate': write.correctStepDate,
  'consultations.recordOutcome': write.recordOutcome,
  'consultations.close': write.closeConsultation,
  'consultations.withdraw': write.withdrawConsultation,
  'consultations.reopen': write.reopenConsultation,
  'consultations.trash': write.trashConsultation,
  'consultations.restore': write.restoreConsultation,
  'audit.verify': backups.verifyLedgerRecord,
  'backups.list': backups.listBackupViews,
  'backups.create': backups.takeBackup,
  'backups.restore': (ctx, input) => backups.restoreNamedBackup(ctx, input.name),
  'backups.restoreFromFile': backups.restoreChosenFile,
  'backups.chooseFolder': backups.chooseBackupFolder,
  'backups.configure': backups.configureBackups,
  // The runtime answers these before the router; reached only without a runtime (tests).
  'recovery.status': () => ({ damaged: false, problem: null, newestBackup: null }),
  'recovery.restoreNewest': () => {
    throw new AppError('INVALID_TRANSITION', '数据库完好，无需恢复');
  },
  'auth.status': accounts.authStatus,
  'auth.setup': accounts.setupAdmin,
  'auth.login': accounts.login,
  'auth.logout': accounts.logout,
  'auth.lock': accounts.lockSession,
  'auth.unlock': accounts.unlockSession,
  'auth.changePassword': accounts.changePassword,
  'users.list': users.listUsers,
  'users.create': users.createUser,
  'users.update': users.updateUser,
  'users.resetPassword': users.resetPassword,
  'calendar.holidays': calendar.listHolidays,
  'calendar.setHolidays': calendar.setHolidays,
  'calendar.dueOn': calendar.defaultDueOn,
  'reminders.summary': calendar.reminders,
  'audit.list': (ctx, input) => listAudit(ctx.ledger.sqlite, input),
  'attachments.list': attachments.listAttachments,
  'attachments.pick': attachments.pickAndAdd,
  'attachments.upload': attachments.uploadAttachment,
  'attachments.open': attachments.openAttachment,
  'attachments.saveAs': attachments.saveAttachmentAs,
  'attachments.remove': attachments.removeAttachment,
  'attachments.restore': attachments.restoreAttachment,
  'search.query': searchConsultations,
  'jobs.progress': (_ctx, input) => jobProgress(input.jobId),
  ...reportsHandlers,
  ...importHandlers,
  ...engagementHandlers,
  ...documentsHandlers,
  ...proceduresHandlers,
  ...exchangeHandlers,
  ...deskHandlers,
};
