import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request as httpRequest } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAssets } from './client-assets.js';

/** A raw HTTP GET (fetch would decode the body and hide what was sent). */
function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

describe('serving the built client', () => {
  let root: string;
  let server: Server;
  let base: string;
  const script = `export const greeting = ${JSON.stringify('Goedemorgen! '.repeat(400))};\n`;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'vangnet-client-'));
    await mkdir(path.join(root, 'assets'));
    const file = path.join(root, 'assets', 'index-abc123.js');
    await writeFile(file, script);
    await writeFile(`${file}.br`, brotliCompressSync(script));
    await writeFile(`${file}.gz`, gzipSync(script));
    await writeFile(path.join(root, 'robots.txt'), 'User-agent: *\n');
    const app = express();
    app.use(...clientAssets(root));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(root, { recursive: true, force: true });
  });

  it('sends a hashed asset brotli-compressed and cached for good', async () => {
    const response = await get(`${base}/assets/index-abc123.js`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
    expect(response.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(response.body).toString()).toBe(script);
  });

  it('falls back to gzip, and to the plain file for a client that takes neither', async () => {
    const gzipped = await get(`${base}/assets/index-abc123.js`, { 'Accept-Encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(script);

    const plain = await get(`${base}/assets/index-abc123.js`, { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates files without a hash in their name', async () => {
    const response = await get(`${base}/robots.txt`, { 'Accept-Encoding': 'br' });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('never serves a compressed copy of a file outside the build', async () => {
    const response = await get(`${base}/assets/../../etc/passwd`, { 'Accept-Encoding': 'br' });
    expect(response.status).toBe(404);
  });
});
