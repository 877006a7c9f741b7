import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { SessionCookiePort } from '../request-context.js';

export const SESSION_COOKIE = 'vangnet_session';

export function readSessionToken(request: Request): string | undefined {
  const header = request.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/** httpOnly, SameSite=Lax, Secure behind TLS (docs/product.md §8). */
export function sessionCookiePort(response: Response, secure: boolean): SessionCookiePort {
  const base = { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const;
  return {
    set(token, expiresAt) {
      response.append(
        'Set-Cookie',
        stringifySetCookie({ name: SESSION_COOKIE, value: token, ...base, expires: expiresAt }),
      );
    },
    clear() {
      response.append(
        'Set-Cookie',
        stringifySetCookie({ name: SESSION_COOKIE, value: '', ...base, expires: new Date(0) }),
      );
    },
  };
}
