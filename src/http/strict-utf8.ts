/**
 * Strict UTF-8 for submitted forms. The platform's form parsers replace invalid bytes with U+FFFD
 * silently; we decode the raw body's text fields with a fatal decoder first, so that a field with
 * invalid UTF-8 is refused (naming it) instead of saved altered.
 */
import { Invalid } from '../errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

function strict(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function refuse(name: string): never {
  throw new Invalid(`The field “${name.slice(0, 50)}” is not valid UTF-8 text.`);
}

/** Percent-decoding to bytes (with + as space), as application/x-www-form-urlencoded does. */
function percentBytes(part: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < part.length; i++) {
    const b = part[i]!;
    if (b === 0x2b) out.push(0x20);
    else if (b === 0x25 && i + 2 < part.length) {
      const hex = String.fromCharCode(part[i + 1]!, part[i + 2]!);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 2;
      } else out.push(b);
    } else out.push(b);
  }
  return Uint8Array.from(out);
}

function splitOn(bytes: Uint8Array, separator: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === separator) {
      parts.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  return parts;
}

function checkUrlencoded(bytes: Uint8Array): void {
  for (const pair of splitOn(bytes, 0x26)) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf(0x3d);
    const rawName = eq < 0 ? pair : pair.subarray(0, eq);
    const name = strict(percentBytes(rawName));
    if (name === null) refuse(new TextDecoder().decode(percentBytes(rawName)));
    if (eq >= 0 && strict(percentBytes(pair.subarray(eq + 1))) === null) refuse(name);
  }
}

function checkMultipart(bytes: Uint8Array, contentType: string): void {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return; // the parser refuses it
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(at + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('latin1');
      const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
      // Files are checked by the upload's own rules (kind, size, UTF-8, not binary).
      if (!/filename\*?=/i.test(disposition)) {
        const rawName = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
        const name = strict(Buffer.from(rawName, 'latin1'));
        if (name === null) refuse(Buffer.from(rawName, 'latin1').toString('utf8'));
        let value = part.subarray(headerEnd + 4);
        if (value.length >= 2 && value[value.length - 2] === 0x0d && value[value.length - 1] === 0x0a) value = value.subarray(0, -2);
        if (strict(value) === null) refuse(name);
      }
    }
    at = next;
  }
}

/** Throws Invalid naming the first text field of the body that is not valid UTF-8. */
export function assertUtf8Form(bytes: Uint8Array, contentType: string): void {
  if (/^multipart\/form-data/i.test(contentType)) checkMultipart(bytes, contentType);
  else checkUrlencoded(bytes);
}
