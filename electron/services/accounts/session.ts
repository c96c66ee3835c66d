/**
 * Who is signed in to this app instance, held in the main process (never trusted
 * from the renderer). The session locks itself after the idle period; a locked
 * session keeps the user (and the renderer keeps its unsaved forms) but every
 * call except unlock is refused until the password is given again.
 */
import type { Role } from '#domain/types';
import type { Caller } from '../context';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  counselId: number | null;
  mustChangePassword: boolean;
}

export class Session {
  private user: SessionUser | null = null;
  private locked = false;
  private lastActivity = 0;

  constructor(
    private readonly now: () => Date,
    private readonly idleMinutes: () => number,
  ) {}

  /** The caller for this moment, locking first if the idle period has passed. */
  caller(): Caller | null {
    if (!this.user) return null;
    if (!this.locked && this.now().getTime() - this.lastActivity > this.idleMinutes() * 60_000) this.locked = true;
    return {
      username: this.user.username,
      displayName: this.user.displayName,
      roles: this.user.roles,
      counselId: this.user.counselId,
      userId: this.user.id,
      locked: this.locked,
      mustChangePassword: this.user.mustChangePassword,
    };
  }

  signIn(user: SessionUser): void {
    this.user = user;
    this.locked = false;
    this.touch();
  }

  signOut(): void {
    this.user = null;
    this.locked = false;
  }

  lock(): void {
    if (this.user) this.locked = true;
  }

  unlock(): void {
    this.locked = false;
    this.touch();
  }

  /**
   * Read the account again (roles, name, forced password change, disabled): a
   * demoted or disabled account loses its rights on its very next call. Returns
   * 'ended' when the account is gone or disabled (the session is signed out).
   */
  reload(load: (id: number) => SessionUser | null): 'ok' | 'ended' | 'none' {
    if (!this.user) return 'none';
    const fresh = load(this.user.id);
    if (!fresh) {
      this.signOut();
      return 'ended';
    }
    this.user = fresh;
    return 'ok';
  }

  update(changes: Partial<SessionUser>): void {
    if (this.user) this.user = { ...this.user, ...changes };
  }

  touch(): void {
    this.lastActivity = this.now().getTime();
  }
}
