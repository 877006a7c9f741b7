import * as z from 'zod/mini';
import { email, withRule } from '../fields.js';

/**
 * A password is taken exactly as typed (never trimmed): present, and not so long that hashing it is a
 * way to keep the server busy.
 */
export const MAX_PASSWORD_LENGTH = 1024;

const password = () =>
  withRule(z.string(), (value) => {
    if (value === '') return { code: 'REQUIRED' };
    return [...value].length > MAX_PASSWORD_LENGTH
      ? { code: 'TOO_LONG', params: { max: MAX_PASSWORD_LENGTH } }
      : null;
  });

/** login: the shape of an e-mail address and a password; whether they match is the sign-in's to say. */
export const loginInputSchema = z.object({ email: email(), password: password() });
