/**
 * The public site as static files (decision 022): every address of src/export/site-paths.ts is
 * requested from the app itself (app.request, the same code and middleware as a live reader), and
 * its bytes are written unchanged, so a static host or CDN serves exactly what the server would.
 *
 * Where each answer goes: an address with an extension keeps its name (`claims.json`,
 * `corrections.atom`, the assets); an HTML page becomes `<address>/index.html` and an API answer
 * `<address>/index.json` (a host serves them at the clean address with `index.html index.json`
 * as its directory index). `404.html` is the site's not-found page. Search is not exported.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db.js';
import { publicSitePaths } from './site-paths.js';

type Fetcher = { request: (path: string) => Response | Promise<Response> };

export type ExportedFile = { path: string; file: string; bytes: number };

export function fileFor(address: string, contentType: string): string {
  const clean = address.split('?')[0]!.replace(/^\/+/, '');
  if (/\.[a-z0-9]+$/i.test(clean)) return clean;
  const index = /^application\/json/.test(contentType) ? 'index.json' : 'index.html';
  return clean === '' ? index : `${clean}/${index}`;
}

export async function exportStaticSite(db: Db, app: Fetcher, dir: string): Promise<ExportedFile[]> {
  const written: ExportedFile[] = [];
  const root = path.resolve(dir);
  const write = (file: string, body: Uint8Array) => {
    const target = path.join(root, file);
    if (!target.startsWith(root + path.sep)) throw new Error(`refusing to write outside ${root}: ${file}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, body);
  };
  for (const address of publicSitePaths(db)) {
    const response = await app.request(address);
    if (response.status !== 200) throw new Error(`${address} answered ${response.status}; the export stopped.`);
    const body = new Uint8Array(await response.arrayBuffer());
    const file = fileFor(address, response.headers.get('content-type') ?? '');
    write(file, body);
    written.push({ path: address, file, bytes: body.byteLength });
  }
  const missing = await app.request('/this-page-does-not-exist');
  write('404.html', new Uint8Array(await missing.arrayBuffer()));
  written.push({ path: '(not found)', file: '404.html', bytes: fs.statSync(path.join(root, '404.html')).size });
  return written;
}
