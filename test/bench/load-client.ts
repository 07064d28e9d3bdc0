/**
 * A small HTTP/1.1 load generator for the benchmark (neither autocannon nor wrk is installed):
 * N keep-alive connections over loopback, each sending its next GET as soon as the previous
 * response has fully arrived, for a fixed time. Responses are parsed incrementally (Content-Length
 * or chunked) over raw sockets, without Node's HTTP client, so that the client costs less than the
 * server it measures. Run as a child process (pinned to its own core by the caller) that takes
 * jobs over IPC and answers each with its figures; see `runLoad`.
 */
import net from 'node:net';

export type LoadJob = {
  port: number;
  /** Visited in turn, one per request (one path measures one page). */
  paths: string[];
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
};

export type LoadResult = {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Mean body bytes per response. */
  bytes: number;
  statuses: Record<string, number>;
  errors: number;
  /** The client's own CPU time as a share of the run: near 100 %, the client limits the figures. */
  clientCpuPercent: number;
};

type Parser = { feed: (chunk: Buffer) => void };

/** Reads responses off one socket; calls `done(status, bodyBytes)` as each ends. */
function responseParser(done: (status: number, bytes: number) => void): Parser {
  let head = '';
  let status = 0;
  let mode: 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' = 'head';
  let remaining = 0;
  let bytes = 0;
  let sizeLine = '';
  let trailer = '';
  const finish = () => {
    done(status, bytes);
    head = '';
    mode = 'head';
    bytes = 0;
  };
  const feed = (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      if (mode === 'head') {
        const text = chunk.toString('latin1', at, Math.min(chunk.length, at + 16384));
        const before = head.length;
        head += text;
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) {
          at += text.length;
          continue;
        }
        at += end + 4 - before;
        const lines = head.slice(0, end).split('\r\n');
        status = Number(lines[0]!.split(' ')[1]);
        let length = -1;
        let chunked = false;
        for (const line of lines.slice(1)) {
          const colon = line.indexOf(':');
          const name = line.slice(0, colon).trim().toLowerCase();
          const value = line.slice(colon + 1).trim().toLowerCase();
          if (name === 'content-length') length = Number(value);
          if (name === 'transfer-encoding' && value.includes('chunked')) chunked = true;
        }
        if (chunked) {
          mode = 'chunk-size';
          sizeLine = '';
        } else if (length > 0) {
          mode = 'length';
          remaining = length;
        } else {
          finish();
        }
      } else if (mode === 'length' || mode === 'chunk-data') {
        const take = Math.min(remaining, chunk.length - at);
        remaining -= take;
        bytes += take;
        at += take;
        if (remaining === 0) {
          if (mode === 'length') finish();
          else {
            mode = 'chunk-end';
            remaining = 2;
          }
        }
      } else if (mode === 'chunk-end') {
        const take = Math.min(remaining, chunk.length - at);
        remaining -= take;
        at += take;
        if (remaining === 0) {
          mode = 'chunk-size';
          sizeLine = '';
        }
      } else if (mode === 'chunk-size') {
        const newline = chunk.indexOf(10, at);
        const end = newline === -1 ? chunk.length : newline + 1;
        sizeLine += chunk.toString('latin1', at, end);
        at = end;
        if (newline === -1) continue;
        const size = parseInt(sizeLine.trim(), 16);
        if (size === 0) {
          mode = 'trailer';
          trailer = '';
        } else {
          mode = 'chunk-data';
          remaining = size;
        }
      } else {
        // After the last chunk: optional trailers, then an empty line.
        const newline = chunk.indexOf(10, at);
        const end = newline === -1 ? chunk.length : newline + 1;
        trailer += chunk.toString('latin1', at, end);
        at = end;
        if (newline === -1) continue;
        if (trailer === '\r\n') finish();
        trailer = '';
      }
    }
  };
  return { feed };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function runLoad(job: LoadJob): Promise<LoadResult> {
  const requests = job.paths.map((path) => {
    const extra = Object.entries(job.headers ?? {})
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    return Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${job.port}\r\nUser-Agent: claimdesk-bench\r\nAccept: */*\r\n${extra}\r\n`, 'latin1');
  });
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let bodyBytes = 0;
  let errors = 0;
  let next = 0;
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + job.seconds * 1000;
  let lastDone = started;

  return new Promise((resolve) => {
    let open = job.connections;
    const closeOne = () => {
      if (--open > 0) return;
      const elapsed = (lastDone - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const sorted = latencies.slice(0, count).sort();
      resolve({
        requests: count,
        seconds: elapsed,
        requestsPerSecond: elapsed > 0 ? count / elapsed : 0,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        maxMs: count ? sorted[count - 1]! : 0,
        bytes: count ? Math.round(bodyBytes / count) : 0,
        statuses,
        errors,
        clientCpuPercent: elapsed > 0 ? (cpu.user + cpu.system) / 1e4 / elapsed : 0,
      });
    };
    for (let c = 0; c < job.connections; c++) {
      let sentAt = 0;
      let socket: net.Socket;
      let finished = false;
      let sent = 0;
      const send = () => {
        // Each connection sends at least one request, however short the run.
        if (sent > 0 && performance.now() >= deadline) {
          finished = true;
          socket.end();
          return;
        }
        sentAt = performance.now();
        sent++;
        socket.write(requests[next++ % requests.length]!);
      };
      const connect = () => {
        socket = net.connect(job.port, '127.0.0.1');
        socket.setNoDelay(true);
        const parser = responseParser((status, bytes) => {
          const now = performance.now();
          lastDone = now;
          if (count === latencies.length) {
            const bigger = new Float64Array(latencies.length * 2);
            bigger.set(latencies);
            latencies = bigger;
          }
          latencies[count++] = now - sentAt;
          bodyBytes += bytes;
          statuses[status] = (statuses[status] ?? 0) + 1;
          send();
        });
        socket.on('connect', send);
        socket.on('data', (chunk: Buffer) => parser.feed(chunk));
        socket.on('error', () => {
          errors++;
        });
        socket.on('close', () => {
          // The server closed a connection while the run goes on: open another.
          if (!finished && performance.now() < deadline) connect();
          else closeOne();
        });
      };
      connect();
    }
  });
}

// As a child process: one job per IPC message, one result back.
if (process.send) {
  process.on('message', (job: LoadJob) => {
    void runLoad(job).then((result) => process.send!(result));
  });
  process.on('disconnect', () => process.exit(0));
}
