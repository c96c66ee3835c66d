/**
 * The method names of the contract as a plain list, for the preload (which must
 * stay tiny and carries no zod). A test checks it equals Object.keys(contract).
 */
export const METHOD_NAMES: readonly string[] = [
  'app.info',
  'settings.get',
  'settings.update',
  'categories.list',
  'categories.create',
  'categories.update',
  'categories.delete',
  'departments.list',
  'departments.create',
  'departments.update',
  'departments.delete',
  'counsels.list',
  'counsels.create',
  'counsels.update',
  'consultations.list',
  'consultations.get',
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
  'audit.verify',
];
