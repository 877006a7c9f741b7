import { hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane. (2 is Algorithm.Argon2id, a const enum.) */
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the e-mail address is unknown, so a wrong address costs as long as a wrong password. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('vangnet-decoy-password-never-valid');
  return decoyHash;
}

/** Verifies passwords; injected into the sign-in so tests can see which hashes are verified. */
export interface PasswordVerifier {
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** The hash verified instead when the e-mail address is unknown. */
  decoyHash(): Promise<string>;
}

export const argon2Verifier: PasswordVerifier = { verify: verifyPassword, decoyHash: decoyPasswordHash };

export const MIN_PASSWORD_LENGTH = 12;
/** Beyond this a "password" is a way to make the server hash megabytes, not a password. */
export const MAX_PASSWORD_LENGTH = 256;

/** Why a new password is not good enough (a Dutch message for the field), or null when it is. */
export function passwordProblem(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens.`;
  if (length > MAX_PASSWORD_LENGTH) return `Kies een wachtwoord van hoogstens ${MAX_PASSWORD_LENGTH} tekens.`;
  if (password.trim().toLowerCase() === email.trim().toLowerCase())
    return 'Je wachtwoord mag niet je e-mailadres zijn.';
  return null;
}
