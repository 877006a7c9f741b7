import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('starts with the embedded database and safe defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.database.kind).toBe('embedded');
    expect(config.http.port).toBe(4000);
    expect(config.session.cookieSecure).toBe(false);
  });

  it('uses an external server when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://vangnet@db:5432/vangnet' });
    expect(config.database).toEqual({ kind: 'external', url: 'postgres://vangnet@db:5432/vangnet' });
  });

  it('names every bad setting on its own line', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://nope',
        VANGNET_BSN_KEY: 'short',
        VANGNET_COOKIE_SECURE: 'maybe',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.some((line) => line.startsWith('PORT:'))).toBe(true);
    expect(problems.some((line) => line.startsWith('DATABASE_URL:') && line.includes('postgres://'))).toBe(
      true,
    );
    expect(
      problems.some(
        (line) => line.startsWith('VANGNET_BSN_KEY:') && line.includes('openssl rand -base64 32'),
      ),
    ).toBe(true);
    expect(problems.some((line) => line.startsWith('VANGNET_COOKIE_SECURE:'))).toBe(true);
    expect((error as ConfigError).message.split('\n')).toHaveLength(5);
  });

  it('requires a BSN key for an external database in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/vangnet' })).toThrow(
      /VANGNET_BSN_KEY/,
    );
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/vangnet',
      VANGNET_BSN_KEY: key,
    });
    expect(config.bsnKey?.length).toBe(32);
    expect(config.session.cookieSecure).toBe(true);
  });

  it('limits every request by default, and takes other limits within bounds', () => {
    expect(loadConfig({}).graphql).toEqual({
      maxTokens: 2000,
      maxAliases: 15,
      maxDepth: 15,
      maxDirectives: 10,
      maxCost: 50_000,
      maxObjects: 2000,
    });
    expect(loadConfig({}).http.maxBodyBytes).toBe(10 * 1024 * 1024);
    const raised = loadConfig({ VANGNET_GRAPHQL_MAX_ALIASES: '40', VANGNET_MAX_BODY_MB: '2.5' });
    expect(raised.graphql.maxAliases).toBe(40);
    expect(raised.http.maxBodyBytes).toBe(2.5 * 1024 * 1024);
    // A typo must not switch a protection off: zero, negative or absurd limits are refused.
    expect(() => loadConfig({ VANGNET_GRAPHQL_MAX_ALIASES: '0' })).toThrow(/VANGNET_GRAPHQL_MAX_ALIASES/);
    expect(() => loadConfig({ VANGNET_GRAPHQL_MAX_TOKENS: 'lots' })).toThrow(/VANGNET_GRAPHQL_MAX_TOKENS/);
    expect(() => loadConfig({ VANGNET_MAX_BODY_MB: '500' })).toThrow(/VANGNET_MAX_BODY_MB/);
  });

  it('sizes the connection pool and times statements out, within bounds', () => {
    expect(loadConfig({}).pool).toEqual({ size: 10, statementTimeoutMs: 15_000 });
    expect(loadConfig({ VANGNET_DB_POOL_SIZE: '25', VANGNET_STATEMENT_TIMEOUT_MS: '0' }).pool).toEqual({
      size: 25,
      statementTimeoutMs: 0,
    });
    expect(() => loadConfig({ VANGNET_DB_POOL_SIZE: '0' })).toThrow(/VANGNET_DB_POOL_SIZE/);
    expect(() => loadConfig({ VANGNET_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(/VANGNET_STATEMENT_TIMEOUT_MS/);
    expect(() => loadConfig({ VANGNET_STATEMENT_TIMEOUT_MS: '15s' })).toThrow(/VANGNET_STATEMENT_TIMEOUT_MS/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('embedded');
  });
});
