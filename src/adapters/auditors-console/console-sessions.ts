import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyIdentity } from './key-roles.js';

/** A signed-in console: who, its CSRF token for forms, and when it ends. The key itself is never kept. */
export interface ConsoleSession {
  readonly id: string;
  readonly identity: KeyIdentity;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

export interface ConsoleSessions {
  readonly open: (identity: KeyIdentity) => ConsoleSession;
  /** The live session with this id, its idle deadline pushed on (never past the absolute one). */
  readonly find: (id: string | undefined) => ConsoleSession | undefined;
  readonly close: (id: string) => void;
}

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60_000;
/** Sessions are held in memory: a restart signs everyone out, which is the safe side. Bounded against floods of sign-ins. */
const MAX_SESSIONS = 1_000;

const token = (): string => randomBytes(32).toString('base64url');

export const createConsoleSessions = (now: () => number): ConsoleSessions => {
  const sessions = new Map<string, ConsoleSession & { readonly endsAt: number }>();
  const sweep = (at: number) => {
    for (const [id, session] of sessions) if (session.expiresAt <= at) sessions.delete(id);
  };
  return {
    open: (identity) => {
      const at = now();
      sweep(at);
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
      const session = { id: token(), identity, csrfToken: token(), expiresAt: at + SESSION_IDLE_MS, endsAt: at + SESSION_ABSOLUTE_MS };
      sessions.set(session.id, session);
      return session;
    },
    find: (id) => {
      if (id === undefined) return undefined;
      const at = now();
      const session = sessions.get(id);
      if (session === undefined) return undefined;
      if (session.expiresAt <= at) {
        sessions.delete(id);
        return undefined;
      }
      const renewed = { ...session, expiresAt: Math.min(at + SESSION_IDLE_MS, session.endsAt) };
      sessions.set(id, renewed);
      return renewed;
    },
    close: (id) => void sessions.delete(id),
  };
};

/** Constant-time comparison of a form's CSRF token with the session's. */
export const csrfMatches = (session: ConsoleSession, presented: string): boolean => {
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
};
