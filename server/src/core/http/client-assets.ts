import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type RequestHandler, type Response } from 'express';

/**
 * Serves the built client (client/dist) the way a browser loads it fastest:
 * - files under assets/ carry a content hash in their name (Vite), so they are cached for a year and
 *   marked immutable: a new build has new names, and a returning user fetches nothing again;
 * - index.html and the other unhashed files are revalidated on every load (`no-cache`), so a deploy is
 *   seen at once;
 * - text files are sent compressed with the best encoding the browser accepts, from the `.br` and `.gz`
 *   files the client's build writes beside each one (client/vite.config.ts, `precompressed()`), so the
 *   server never compresses on the fly.
 */
export function clientAssets(clientDist: string): RequestHandler[] {
  const variants = compressedVariants(clientDist);
  const serveStatic = express.static(clientDist, {
    index: false,
    setHeaders: (response, file) => setCaching(response, path.relative(clientDist, file)),
  });
  const pickEncoding: RequestHandler = (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const relative = decodeURIComponent(request.path).replace(/^\/+/, '');
    const available = variants.get(relative);
    if (!available) return next();
    const encoding = preferredEncoding(request, available);
    response.vary('Accept-Encoding');
    if (!encoding) return next();
    setCaching(response, relative);
    response.setHeader('Content-Encoding', encoding === 'br' ? 'br' : 'gzip');
    response.type(path.extname(relative));
    response.sendFile(path.join(clientDist, `${relative}.${encoding}`), { dotfiles: 'deny' }, (error) => {
      if (error) next(error);
    });
  };
  return [pickEncoding, serveStatic];
}

type Encoding = 'br' | 'gz';

/** The precompressed variants found beside the built files, by path relative to the client's dist. */
function compressedVariants(root: string): Map<string, Set<Encoding>> {
  const found = new Map<string, Set<Encoding>>();
  if (!existsSync(root)) return found;
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory)) {
      const full = path.join(directory, name);
      if (statSync(full).isDirectory()) {
        walk(full);
        continue;
      }
      const match = /^(.*)\.(br|gz)$/.exec(name);
      if (!match || !existsSync(path.join(directory, match[1]!))) continue;
      const original = path.relative(root, path.join(directory, match[1]!)).split(path.sep).join('/');
      const encodings = found.get(original) ?? new Set<Encoding>();
      encodings.add(match[2] as Encoding);
      found.set(original, encodings);
    }
  };
  walk(root);
  return found;
}

/**
 * Brotli where the browser takes it (every current one), gzip otherwise; none when it takes neither.
 * Asked one encoding at a time: browsers list `gzip, deflate, br` without weights, and brotli is the
 * smaller of the two.
 */
function preferredEncoding(request: Request, available: ReadonlySet<Encoding>): Encoding | null {
  if (available.has('br') && request.acceptsEncodings('br') === 'br') return 'br';
  if (available.has('gz') && request.acceptsEncodings('gzip') === 'gzip') return 'gz';
  return null;
}

const YEAR_SECONDS = 365 * 24 * 60 * 60;

function setCaching(response: Response, relative: string): void {
  response.setHeader(
    'Cache-Control',
    relative.startsWith('assets/') ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache',
  );
}
