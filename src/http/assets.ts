/**
 * Static assets, read once at start: our stylesheet and htmx from the installed package (never a
 * CDN). Each is served under a name that includes a hash of its content, so browsers may keep
 * it forever and a new version is a new URL.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';
import { projectRoot } from '../config.js';

type Asset = { body: Buffer; contentType: string; url: string };

const require = createRequire(import.meta.url);

function load(file: string, name: string, ext: string, contentType: string): Asset {
  const body = fs.readFileSync(file);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, contentType, url: `/assets/${name}.${hash}.${ext}` };
}

const assets = {
  css: load(path.join(projectRoot, 'views', 'assets', 'style.css'), 'style', 'css', 'text/css; charset=utf-8'),
  htmx: load(require.resolve('htmx.org/dist/htmx.min.js'), 'htmx', 'js', 'text/javascript; charset=utf-8'),
  desk: load(path.join(projectRoot, 'views', 'assets', 'desk.js'), 'desk', 'js', 'text/javascript; charset=utf-8'),
};

export const assetUrls = { css: assets.css.url, htmx: assets.htmx.url, desk: assets.desk.url };

export const assetRoutes = new Hono();
for (const asset of Object.values(assets)) {
  assetRoutes.get(asset.url, (c) => {
    c.header('Content-Type', asset.contentType);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(new Uint8Array(asset.body));
  });
}
