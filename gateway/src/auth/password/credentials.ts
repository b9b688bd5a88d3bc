import { z } from 'zod';

/** Usernames: 3 to 32 of a-z, 0-9, "_" and "-", compared case-folded ("Alice" is alice). */
export const USERNAME_RULE = /^[a-z0-9_-]{3,32}$/;
const PASSWORD_MIN = 10;
const PASSWORD_MAX = 256;

const codePoints = (text: string) => [...text].length;

const Username = z
  .string({ error: 'username must be a string' })
  .transform((name) => name.trim().toLowerCase())
  .pipe(z.string().regex(USERNAME_RULE, 'a username is 3 to 32 letters, digits, "_" or "-"'));

const NewPassword = z
  .string({ error: 'password must be a string' })
  .refine((password) => codePoints(password) >= PASSWORD_MIN, `a password is at least ${PASSWORD_MIN} characters`)
  .refine((password) => codePoints(password) <= PASSWORD_MAX, `a password is at most ${PASSWORD_MAX} characters`);

/** POST /api/auth/register. */
export const RegisterRequest = z.object({ username: Username, password: NewPassword }).strict();

/**
 * POST /api/auth/login: only the types and sizes are checked here. A username
 * or password that breaks the rules cannot match an account, and answering it
 * like any wrong password (after the same work) gives nothing away.
 */
export const LoginRequest = z
  .object({
    username: z
      .string({ error: 'username must be a string' })
      .max(64, 'username is too long')
      .transform((name) => name.trim().toLowerCase()),
    password: z.string({ error: 'password must be a string' }).max(1024, 'password is too long'),
  })
  .strict();

/** POST /api/auth/refresh and /api/auth/logout. */
export const RefreshRequest = z.object({ refreshToken: z.string({ error: 'refreshToken must be a string' }).min(1).max(512) }).strict();
