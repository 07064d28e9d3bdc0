/**
 * Password hashing with scrypt, a memory-hard function, at OWASP's parameters (N=2^17, r=8,
 * p=1). The parameters are stored in the hash, so a hash made with other costs still verifies
 * and the cost can be raised later. Runs on libuv's thread pool: the event loop is not blocked.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const OWASP_SCRYPT_LOG_N = 17;
const KEY_LENGTH = 32;

/**
 * A hash to verify against when a sign-in names an unknown email, so both cases take the same
 * time: a random password nobody kept, hashed at the default cost. A constant, because computing
 * one at the first sign-in ran a second 128 MiB scrypt beside the real one (docs/performance.md).
 * Made here, beside the cost it must match; the check below fails the start if they part.
 */
export const DUMMY_HASH_AT_DEFAULT_COST = 'scrypt$17$8$1$yYmR/dqIPbTthrOnmxKtVg==$sTHF64qD4tcdSoNog7ZjmsfDaolz+mou6DTh0P+u6Ds=';
if (!DUMMY_HASH_AT_DEFAULT_COST.startsWith(`scrypt$${OWASP_SCRYPT_LOG_N}$8$1$`)) {
  throw new Error('DUMMY_HASH_AT_DEFAULT_COST must be made at the default scrypt cost: hash a random password again.');
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128 * N * r bytes (128 MiB at N=2^17, r=8).
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$<logN>$<r>$<p>$<salt b64>$<key b64>` */
export async function hashPassword(password: string, logN = OWASP_SCRYPT_LOG_N): Promise<string> {
  const salt = randomBytes(16);
  const options = { N: 2 ** logN, r: 8, p: 1 };
  const key = await derive(password, salt, options);
  return ['scrypt', logN, options.r, options.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, logN, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: 2 ** Number(logN), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A readable one-time password: 20 characters from a 32-letter alphabet (100 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789AB';
  const bytes = randomBytes(20);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % 32];
  return out.replace(/(.{5})(?=.)/g, '$1-');
}

const PASSWORD_RULES = { minLength: 12, maxLength: 200 };

/** Why a new password is not acceptable, or null. Length is what matters (NIST SP 800-63B). */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_RULES.minLength) return `Use at least ${PASSWORD_RULES.minLength} characters.`;
  if (password.length > PASSWORD_RULES.maxLength) return `Use at most ${PASSWORD_RULES.maxLength} characters.`;
  return null;
}
