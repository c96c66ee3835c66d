import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { currentLanguage } from '../../i18n';

type Fallback = 'auth.loginFailed' | 'auth.unlockFailed' | 'auth.changeFailed' | 'auth.setupFailed';

/**
 * A refused sign-in, unlock or password change. The main process says exactly
 * what happened in Chinese (wrong password and how many tries are left, locked
 * until when, disabled): the Chinese UI shows that; the English UI a general
 * sentence for the step (the generic UNAUTHENTICATED text would say "please
 * sign in" to someone who just tried).
 */
export function authErrorText(error: unknown, t: TFunction, fallback: Fallback): string {
  if (error instanceof ApiError) {
    if (error.transport) return t('errors.transport');
    if (currentLanguage() !== 'en') return error.message;
    return error.code === 'UNAUTHENTICATED' || error.code === 'VALIDATION' ? t(fallback) : t(`errors.${error.code}`);
  }
  return t('errors.INTERNAL');
}
