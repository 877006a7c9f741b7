import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createUser } from '../../testing/factories.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';

/** What an answer must never show: a stack frame, a file path of the server, or Express's HTML page. */
const LEAKS = /at .+:\d+|\/src\/|\/node_modules\/|<html|<pre>|<!DOCTYPE/i;

describe('HTTP hardening', () => {
  let database: TestDatabase;
  let app: TestApp;
  let behindProxy: TestApp;
  let clientDist: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    // A built client as Vite leaves it: scripts and styles as files, nothing inline.
    clientDist = await mkdtemp(path.join(tmpdir(), 'vangnet-client-'));
    await writeFile(
      path.join(clientDist, 'index.html'),
      '<!doctype html><html lang="nl"><head><script type="module" src="/assets/index.js"></script>' +
        '<link rel="stylesheet" href="/assets/index.css"></head><body><div id="root"></div></body></html>',
    );
    app = await startTestApp(database.dataSource, {
      overrides: { VANGNET_CLIENT_DIST: clientDist, VANGNET_MAX_BODY_MB: '1' },
    });
    behindProxy = await startTestApp(database.dataSource, {
      overrides: { VANGNET_TRUST_PROXY: 'true' },
    });
  });

  afterAll(async () => {
    await app?.stop();
    await behindProxy?.stop();
    await database?.drop();
    await rm(clientDist, { recursive: true, force: true });
  });

  /** How many sessions the user has, as the database holds them. */
  const sessionsOf = async (userId: string) =>
    (
      await database.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM user_session WHERE user_id = $1`,
        [userId],
      )
    )[0]?.count;

  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('answers a malformed JSON body with a JSON 400, without stack or paths', async () => {
    const response = await post(app.url, '{"query": "{ me { user { id } } }"');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(text).not.toMatch(LEAKS);
    expect(JSON.parse(text)).toEqual({
      errors: [
        {
          message: 'De inhoud van het verzoek is geen geldige JSON.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it('answers a body over the limit with a JSON 413, without stack or paths', async () => {
    const oversized = JSON.stringify({ query: `{ me { user { id } } }`, padding: 'x'.repeat(1_100_000) });
    const response = await post(app.url, oversized);
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(text).not.toMatch(LEAKS);
    expect(JSON.parse(text)).toEqual({
      errors: [
        {
          message: 'Het verzoek is te groot (hoogstens 1 MB).',
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  });

  it('serves the client with a strict Content-Security-Policy that forbids framing', async () => {
    const response = await fetch(`${app.url}/cases`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    const policy = new Map(
      (response.headers.get('content-security-policy') ?? '')
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    const host = new URL(app.url).host;
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", `ws://${host}`]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    // The cookie is not marked secure here (plain HTTP): no HSTS, which would lock users out.
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('forbids framing the API too', async () => {
    const response = await post(app.url, JSON.stringify({ query: '{ __typename }' }));
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('sends HSTS once the session cookie is marked secure', async () => {
    const secure = await startTestApp(database.dataSource, {
      overrides: { VANGNET_COOKIE_SECURE: 'true' },
    });
    try {
      const response = await fetch(`${secure.url}/healthz`);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await secure.stop();
    }
  });

  describe('X-Forwarded-Host', () => {
    const login = (email: string, password: string) =>
      JSON.stringify({
        query: `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }`,
        variables: { email, password },
      });
    // The Origin a page served through the proxy sends, matching only what the proxy forwards.
    const throughProxy = { origin: 'https://vangnet.example', 'x-forwarded-host': 'vangnet.example' };

    it('is ignored without VANGNET_TRUST_PROXY: a mutation whose Origin matches only it is refused', async () => {
      const user = await createUser(database.dataSource);
      const response = await post(app.url, login(user.email, user.password), throughProxy);
      expect(response.status).toBe(403);
      expect(await sessionsOf(user.id)).toBe(0);
    });

    it('is honoured with VANGNET_TRUST_PROXY', async () => {
      const user = await createUser(database.dataSource);
      const response = await post(behindProxy.url, login(user.email, user.password), throughProxy);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      expect(await sessionsOf(user.id)).toBe(1);
    });

    it('decides the WebSocket handshake the same way', async () => {
      const handshake = (url: string) =>
        new Promise<number>((resolve, reject) => {
          const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
            headers: throughProxy,
          });
          socket.on('unexpected-response', (_request, response) => {
            resolve(response.statusCode ?? 0);
            socket.terminate();
          });
          socket.on('open', () => {
            resolve(101);
            socket.close();
          });
          socket.on('error', reject);
        });
      expect(await handshake(app.url)).toBe(403);
      expect(await handshake(behindProxy.url)).toBe(101);
    });
  });
});
