/** 登录 and the first start's account: send, then the person is signed in and starts at home. */
import type { AuthStatus } from '#domain/types';
import { navigate, paths } from '../../router/hash';
import { useCallState } from '../../shared/CallState';
import { markSignedIn } from './context';
import { useApplyAuthStatus } from './status';

export function useSignIn() {
  const apply = useApplyAuthStatus();
  const { pending, error, run } = useCallState();
  /** `failed` turns a refusal into the sentence above the form (null: the fields show it). */
  const signIn = (send: () => Promise<AuthStatus>, failed: (error: unknown) => string | null) =>
    run(async () => {
      const status = await send();
      markSignedIn();
      navigate(paths.home, undefined, { replace: true });
      apply(status);
    }, failed);
  return { pending, error, signIn };
}
