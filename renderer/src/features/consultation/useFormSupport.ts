/** What both the register and the edit page need: reference lists, settings, and how a failed save is shown. */
import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useApi, useAppInfo, useSettings } from '../../api/hooks';
import { applyIssues, errorText } from '../../shared/errors';
import { FORM_FIELDS, type FormValues } from './formValues';

export function useReferenceData() {
  const info = useAppInfo();
  const settings = useSettings();
  const categories = useApi('categories.list', { includeInactive: true });
  const departments = useApi('departments.list', { includeInactive: true });
  const all = [info, settings, categories, departments];
  return {
    pending: all.some((q) => q.isPending),
    error: all.find((q) => q.isError)?.error ?? null,
    retry: () => all.forEach((q) => void q.refetch()),
    today: info.data?.today ?? '',
    defaultDueDays: settings.data?.defaultDueDays ?? 7,
    categories: categories.data ?? [],
    departments: departments.data ?? [],
  };
}

/** Shows a failed save: field issues next to their fields, anything else as a message. */
export function useSaveFailure(form: FormInstance<FormValues>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (error: unknown) => {
    if (applyIssues(form, error, FORM_FIELDS)) {
      void message.error(t('validation.checkFields'));
    } else {
      void message.error(errorText(error, t));
    }
    return error instanceof ApiError ? error : null;
  };
}

/** Runs the form's own rules first; false (with a message) when a field is wrong. */
export function useValidate(form: FormInstance<FormValues>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return async (): Promise<FormValues | null> => {
    try {
      return await form.validateFields();
    } catch {
      void message.error(t('validation.checkFields'));
      return null;
    }
  };
}
