/**
 * What a reader typed, turned into an FTS5 query that cannot fail (decision 019). FTS5's own
 * syntax errors on a stray `"`, a lone `-`, `NEAR(`, `AND` at the end and much else, so it is
 * never handed the reader's text: every word becomes a quoted string, and only the few operators
 * we support are written by us.
 *
 * Understood: words (all must match), "quoted phrases", `OR` between two terms, `-word` to leave
 * out, `word*` for a prefix of at least three letters. Everything else is a word or nothing: an
 * unclosed quote runs to the end, `AND` is the default anyway, other punctuation is dropped the
 * way the tokenizer would drop it. Long input is cut (MAX_CHARS, MAX_TERMS) so a pasted page
 * costs no more than a sentence.
 */

export const MAX_CHARS = 200;
export const MAX_TERMS = 12;
const MIN_PREFIX = 3;

type Term = { text: string; phrase: boolean; prefix: boolean };
type Clause = { any: Term[] };

export type ParsedQuery = {
  /** The FTS5 expression, or null when nothing searchable is left (an empty or punctuation-only query). */
  match: string | null;
  /** The words searched for, as the reader would recognise them (for "Results for …"). */
  terms: string[];
  /** Words left out with `-`. */
  excluded: string[];
  /** The input was longer than we search: only its start was used. */
  truncated: boolean;
};

/** Letters and digits in any script (the tokenizer's token characters); the rest separates words. */
const WORD_CHARS = /[\p{L}\p{N}\p{M}]/u;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

function cleanWords(text: string): string {
  return text.replace(NOT_WORD, ' ').trim().replace(/\s+/g, ' ');
}

function quote(term: Term): string {
  // cleanWords leaves no double quote, so the string cannot be closed early.
  return `"${term.text}"${term.prefix ? '*' : ''}`;
}

function clauseExpression(clause: Clause): string {
  const parts = clause.any.map(quote);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** Split into raw chunks: quoted phrases (an unclosed one runs to the end) and space-separated words. */
function chunks(input: string): { text: string; quoted: boolean }[] {
  const out: { text: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === '“' || ch === '”') {
      const rest = input.slice(i + 1);
      const end = rest.search(/["“”]/);
      const body = end < 0 ? rest : rest.slice(0, end);
      out.push({ text: body, quoted: true });
      i += 1 + body.length + (end < 0 ? 0 : 1);
      continue;
    }
    const match = /^[^\s"“”]+/.exec(input.slice(i))!;
    out.push({ text: match[0], quoted: false });
    i += match[0].length;
  }
  return out;
}

export function parseQuery(raw: string | undefined | null): ParsedQuery {
  const normalised = (raw ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ');
  const truncated = normalised.length > MAX_CHARS;
  const input = truncated ? normalised.slice(0, MAX_CHARS) : normalised;

  const clauses: Clause[] = [];
  const excluded: Term[] = [];
  let pendingOr = false;
  let count = 0;
  for (const chunk of chunks(input)) {
    if (count >= MAX_TERMS) break;
    if (!chunk.quoted && chunk.text === 'OR') {
      pendingOr = clauses.length > 0;
      continue;
    }
    if (!chunk.quoted && (chunk.text === 'AND' || chunk.text === 'NOT')) continue;
    let text = chunk.text;
    let negated = false;
    let prefix = false;
    if (!chunk.quoted) {
      if (text.startsWith('-') && WORD_CHARS.test(text)) {
        negated = true;
        text = text.replace(/^-+/, '');
      }
      if (text.endsWith('*')) {
        const core = cleanWords(text);
        prefix = core.length >= MIN_PREFIX && !core.includes(' ');
      }
    }
    const words = cleanWords(text);
    if (!words) continue;
    const term: Term = { text: words, phrase: chunk.quoted || words.includes(' '), prefix };
    count++;
    if (negated) {
      excluded.push(term);
      pendingOr = false;
    } else if (pendingOr) {
      clauses[clauses.length - 1]!.any.push(term);
      pendingOr = false;
    } else {
      clauses.push({ any: [term] });
    }
  }

  const terms = clauses.flatMap((c) => c.any.map((t) => (t.phrase ? `“${t.text}”` : `${t.text}${t.prefix ? '*' : ''}`)));
  if (clauses.length === 0) return { match: null, terms: [], excluded: excluded.map((t) => t.text), truncated };
  let match = clauses.map(clauseExpression).join(' AND ');
  // FTS5's NOT is binary: it needs something to take the excluded words away from.
  if (excluded.length > 0) match = `(${match}) NOT ${clauseExpression({ any: excluded })}`;
  return { match, terms, excluded: excluded.map((t) => t.text), truncated };
}
