/**
 * The log's one writer: a JSON line per event on stdout. Lines are gathered and written together
 * every few milliseconds (at once past a few hundred, and always before the process exits): a
 * cached page is answered in tens of microseconds, and a write(2) per request was a measurable
 * share of that. Nothing is dropped; a line reaches stdout at most FLUSH_MS later.
 */
const FLUSH_MS = 20;
let pending: string[] = [];
let scheduled = false;

/** Write out the lines still held (before writing to stdout directly). */
export function flushLog(): void {
  flush();
}

function flush() {
  scheduled = false;
  if (pending.length === 0) return;
  const text = pending.join('');
  pending = [];
  process.stdout.write(text);
}

process.on('exit', flush);

let lastMs = 0;
let lastTime = '';

/** The time field, made once per millisecond: a busy server writes many lines in one. */
function timeField(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastTime = `{"time":"${new Date(ms).toISOString()}"`;
  }
  return lastTime;
}

export function writeLogLine(line: Record<string, unknown>): void {
  // `time` first, then the line's own fields. Callers never pass a `time` of their own (it would be a second key).
  const fields = JSON.stringify(line);
  pending.push(fields === '{}' ? `${timeField()}}\n` : `${timeField()},${fields.slice(1)}\n`);
  if (!scheduled) {
    scheduled = true;
    // Unref'd: a pending flush never keeps the process alive; 'exit' writes what is left.
    setTimeout(flush, FLUSH_MS).unref();
  }
  // A burst is not held in memory: past a few hundred lines they go out now.
  if (pending.length >= 512) flush();
}
