/**
 * `npm run bench`: the public pages (and the desk's front page) of the real server, over loopback,
 * at two newsroom sizes. The server runs pinned to core 0 and the load client to core 1; each page
 * is measured for a fixed time from the page cache ("cached") and, on a server started with
 * PAGE_CACHE=off, rendered afresh ("fresh"), beside a bare Hono hello route served the same way in
 * the same run. Then public reads while an editor publishes a claim every second, against the
 * same reads on a quiet server. Prints requests/s, p50/p99 latency, body bytes, the share of the
 * hello route's throughput (measured again before each size), for each cached page the same
 * bytes answered by bare Hono (the limit its size sets) and its share of that, the server's
 * largest RSS, and each page's growth between the sizes.
 *
 *   npm run bench -- [--seconds 5] [--connections 8] [--fresh-connections 1] [--claims 1000,100000] [--data DIR]
 *                    [--regenerate] [--no-publish] [--json FILE]
 *
 * The databases are generated into DIR (default: the system's temp folder) on the first run and
 * reused; each server works on a copy, so publishing never changes them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchTargets, claimsInReview, type BenchPage } from './bench-targets.js';
import { signInEditor } from './desk-session.js';
import { DEFAULT_DATA_DIR, generateNewsroom, newsroomFile } from './generate.js';
import type { LoadResult } from './load-client.js';
import { hasTaskset, startClaimdesk, startHello, startLoadClient, type LoadClient, type Served } from './processes.js';

type Options = { seconds: number; connections: number; freshConnections: number; sizes: number[]; data: string; regenerate: boolean; publish: boolean; json: string | null };

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '8' },
      'fresh-connections': { type: 'string', default: '1' },
      claims: { type: 'string', default: '1000,100000' },
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      regenerate: { type: 'boolean', default: false },
      'no-publish': { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  });
  const options: Options = {
    seconds: Number(values.seconds),
    connections: Number(values.connections),
    freshConnections: Number(values['fresh-connections']),
    sizes: values.claims.split(',').map((n) => Number(n.replace(/_/g, ''))),
    data: path.resolve(values.data),
    regenerate: values.regenerate,
    publish: !values['no-publish'],
    json: values.json ? path.resolve(values.json) : null,
  };
  if (!(options.seconds > 0) || !(options.connections >= 1) || !(options.freshConnections >= 1) || options.sizes.some((n) => !Number.isInteger(n) || n < 20)) {
    throw new Error('--seconds and --connections must be positive, --claims whole numbers of at least 20');
  }
  return options;
}

type Measured = { size: number; page: string; path: string; mode: 'cached' | 'fresh'; result: LoadResult; rssMb: number; bytesLimit?: LoadResult };
type PublishRun = { size: number; quiet: LoadResult; warm: LoadResult; publishes: number; publishMs: number[]; rssMb: number };

function machine() {
  const model = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return { cores: os.availableParallelism(), cpu: model.trim(), node: process.version, date: new Date().toISOString(), loadAverage: os.loadavg()[0]!.toFixed(2), pinned: hasTaskset };
}

async function database(options: Options, claims: number): Promise<string> {
  const file = newsroomFile(claims, options.data);
  if (fs.existsSync(file) && !options.regenerate) return file;
  fs.mkdirSync(options.data, { recursive: true });
  process.stdout.write(`generating ${claims} claims into ${file} … `);
  const summary = await generateNewsroom({ claims, file, force: true });
  console.log(`${summary.seconds.toFixed(1)} s, ${summary.megabytes.toFixed(0)} MB`);
  return file;
}

/** A private copy for one server, so that what it writes (sessions, publishing) is thrown away. */
function workingCopy(file: string, label: string): string {
  const copy = file.replace(/\.sqlite$/, `.${label}.run.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
  fs.copyFileSync(file, copy);
  return copy;
}

async function measure(client: LoadClient, server: Served, options: Options, connections: number, paths: string[], headers?: Record<string, string>) {
  // One request alone first, so that a page missing from the cache is rendered once, not once per
  // connection; then a short warm-up for the JIT. Neither is counted.
  await client.run({ port: server.port, paths, seconds: 0, connections: 1, headers });
  await client.run({ port: server.port, paths, seconds: Math.min(1, options.seconds / 3), connections, headers });
  server.takeMaxRss();
  const result = await client.run({ port: server.port, paths, seconds: options.seconds, connections, headers });
  return { result, rssMb: server.takeMaxRss() };
}

function okOrWarn(label: string, result: LoadResult) {
  if (result.clientCpuPercent > 90) console.warn(`  ! ${label}: the load client used ${result.clientCpuPercent.toFixed(0)} % of its core; the server may be faster than measured`);
  const bad = Object.entries(result.statuses).filter(([status]) => status !== '200');
  if (bad.length || result.errors) console.warn(`  ! ${label}: ${bad.map(([s, n]) => `${n}× ${s}`).join(', ')}${result.errors ? ` ${result.errors} socket errors` : ''}`);
}

async function measureSize(client: LoadClient, options: Options, claims: number, measured: Measured[], publishRuns: PublishRun[]) {
  const file = await database(options, claims);
  const targets = benchTargets(file);
  console.log(`\n${claims} claims: ${Object.entries(targets.facts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const mode of ['cached', 'fresh'] as const) {
    const copy = workingCopy(file, mode);
    const server = await startClaimdesk(copy, mode === 'cached');
    try {
      const desk = await signInEditor(server.url);
      const pages = targets.pages.filter((page: BenchPage) => mode === 'fresh' || page.cached !== false);
      for (const page of pages) {
        // Fresh renders on one connection by default: the latency is then the time a render takes,
        // not a queue behind the other connections (the server renders one page at a time).
        const connections = mode === 'fresh' ? options.freshConnections : options.connections;
        const { result, rssMb } = await measure(client, server, options, connections, [page.path], page.desk ? { Cookie: desk.cookie } : undefined);
        okOrWarn(`${page.name} (${mode})`, result);
        measured.push({ size: claims, page: page.name, path: page.path, mode, result, rssMb });
        console.log(`  ${mode.padEnd(6)} ${page.name.padEnd(16)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(1)} ms  ${(result.bytes / 1024).toFixed(1)} KB`);
      }
      if (mode === 'cached' && options.publish) publishRuns.push(await publishingRun(client, server, options, claims, file, targets.pages, desk.publish));
    } finally {
      await server.stop();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
    }
  }
}

/**
 * For each cached page, the bare Hono route answering the same number of bytes from a Buffer:
 * the most that page could reach on this stack (the issue's "limit for those bytes"), so a
 * cached page's figure can be read against its own bytes as well as against hello.
 */
async function measureBytesLimits(client: LoadClient, options: Options, cached: Measured[]) {
  const bare = await startHello();
  try {
    for (const m of cached) {
      m.bytesLimit = (await measure(client, bare, options, options.connections, [`/bytes/${Math.round(m.result.bytes)}`])).result;
      okOrWarn(`${m.page}'s bytes from bare Hono`, m.bytesLimit);
    }
  } finally {
    await bare.stop();
  }
}

/** Public reads, round robin over the public pages, on a quiet server and while an editor publishes once a second. */
async function publishingRun(
  client: LoadClient,
  server: Served,
  options: Options,
  claims: number,
  file: string,
  pages: BenchPage[],
  publish: (id: number) => Promise<number>,
): Promise<PublishRun> {
  const paths = pages.filter((p) => !p.desk).map((p) => p.path);
  const quiet = (await measure(client, server, options, options.connections, paths)).result;
  const waiting = claimsInReview(file);
  const publishMs: number[] = [];
  let stop = false;
  const publisher = (async () => {
    for (const id of waiting) {
      if (stop) break;
      const started = performance.now();
      publishMs.push(await publish(id));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (performance.now() - started))));
    }
  })();
  server.takeMaxRss();
  const warm = await client.run({ port: server.port, paths, seconds: options.seconds, connections: options.connections });
  stop = true;
  await publisher;
  okOrWarn('reads while publishing', warm);
  console.log(`  reads while publishing: ${warm.requestsPerSecond.toFixed(0)} req/s (quiet ${quiet.requestsPerSecond.toFixed(0)}), ${publishMs.length} claims published`);
  return { size: claims, quiet, warm, publishes: publishMs.length, publishMs, rssMb: server.takeMaxRss() };
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(headers), `|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`, ...rows.map(line)].join('\n');
}

function report(options: Options, hellos: Map<number, LoadResult>, measured: Measured[], publishRuns: PublishRun[]) {
  for (const size of options.sizes) {
    const hello = hellos.get(size)!;
    console.log(`\nhello route before the ${size}-claim pages: ${hello.requestsPerSecond.toFixed(0)} req/s, p50 ${ms(hello.p50Ms)} ms, p99 ${ms(hello.p99Ms)} ms (load client at ${hello.clientCpuPercent.toFixed(0)} % of its core)`);
    const rows = measured
      .filter((m) => m.size === size)
      .map((m) => [
        m.page,
        m.mode,
        m.result.requestsPerSecond.toFixed(0),
        ms(m.result.p50Ms),
        ms(m.result.p99Ms),
        kb(m.result.bytes),
        `${((100 * m.result.requestsPerSecond) / hello.requestsPerSecond).toFixed(1)} %`,
        m.bytesLimit ? `${((100 * m.bytesLimit.requestsPerSecond) / hello.requestsPerSecond).toFixed(1)} %` : '-',
        m.bytesLimit ? `${((100 * m.result.requestsPerSecond) / m.bytesLimit.requestsPerSecond).toFixed(1)} %` : '-',
        m.rssMb.toFixed(0),
      ]);
    console.log(`\n${size} claims (${options.seconds} s per page; ${options.connections} connections cached, ${options.freshConnections} fresh)\n`);
    console.log(table(['page', 'mode', 'req/s', 'p50 ms', 'p99 ms', 'KB', 'of hello', 'its bytes from bare Hono, of hello', 'of its bytes', 'max RSS MB'], rows));
  }
  if (publishRuns.length) {
    console.log('\nPublic reads (round robin over the public pages, page cache on) while an editor publishes once a second\n');
    console.log(
      table(
        ['claims', 'quiet req/s', 'publishing req/s', 'quiet p99 ms', 'publishing p99 ms', 'published', 'publish ms (mean)', 'max RSS MB'],
        publishRuns.map((r) => [
          String(r.size),
          r.quiet.requestsPerSecond.toFixed(0),
          r.warm.requestsPerSecond.toFixed(0),
          ms(r.quiet.p99Ms),
          ms(r.warm.p99Ms),
          String(r.publishes),
          r.publishMs.length ? ms(r.publishMs.reduce((a, b) => a + b, 0) / r.publishMs.length) : '-',
          r.rssMb.toFixed(0),
        ]),
      ),
    );
  }
  const [small, large] = [options.sizes[0]!, options.sizes[options.sizes.length - 1]!];
  if (small !== large) {
    const fresh = (size: number, page: string) => measured.find((m) => m.size === size && m.page === page && m.mode === 'fresh');
    const rows = [...new Set(measured.map((m) => m.page))].flatMap((page) => {
      const a = fresh(small, page);
      const b = fresh(large, page);
      if (!a || !b) return [];
      return [[page, kb(a.result.bytes), kb(b.result.bytes), `${(b.result.bytes / a.result.bytes).toFixed(1)}×`, ms(a.result.p50Ms), ms(b.result.p50Ms), `${(b.result.p50Ms / a.result.p50Ms).toFixed(1)}×`]];
    });
    console.log(`\nGrowth from ${small} to ${large} claims (fresh renders)\n`);
    console.log(table(['page', `KB at ${small}`, `KB at ${large}`, 'bytes ×', `p50 ms at ${small}`, `p50 ms at ${large}`, 'latency ×'], rows));
    const heavy = [...new Set(measured.filter((m) => m.size === large && m.result.bytes > 150 * 1024).map((m) => `${m.page} (${kb(m.result.bytes)} KB)`))];
    console.log(`\nPages over 150 KB at ${large} claims: ${heavy.length ? heavy.join(', ') : 'none'}`);
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const host = machine();
  console.log(`${host.date}: ${host.cores} cores, ${host.cpu}, Node ${host.node}, load average ${host.loadAverage}`);
  if (!host.pinned) console.warn('taskset was not found: the server and the load client are not pinned to their own cores.');
  if (Number(host.loadAverage) > 1.5) console.warn(`The machine is busy (load average ${host.loadAverage}): the figures will be low and noisy.`);
  for (const size of options.sizes) await database(options, size);

  const client = startLoadClient();
  const measured: Measured[] = [];
  const publishRuns: PublishRun[] = [];
  // The yardstick is measured again before each size: on a shared machine the load moves within
  // minutes, and a ratio holds only against a hello route measured under the same load.
  const hellos = new Map<number, LoadResult>();
  try {
    for (const size of options.sizes) {
      const helloServer = await startHello();
      try {
        const hello = (await measure(client, helloServer, options, options.connections, ['/'])).result;
        okOrWarn('hello', hello);
        hellos.set(size, hello);
      } finally {
        await helloServer.stop();
      }
      await measureSize(client, options, size, measured, publishRuns);
      await measureBytesLimits(client, options, measured.filter((m) => m.size === size && m.mode === 'cached'));
    }
  } finally {
    client.stop();
  }
  report(options, hellos, measured, publishRuns);
  console.log(`\nthe benchmark took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (options.json) {
    fs.writeFileSync(options.json, `${JSON.stringify({ machine: host, options, hello: Object.fromEntries(hellos), measured, publishRuns }, null, 2)}\n`);
    console.log(`\nfigures written to ${options.json}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
