/**
 * Readable differences between two versions of a record: field by field, and word by word inside
 * a changed text, so an editor sees exactly which words changed in a quote.
 */
export type WordChange = { op: 'same' | 'added' | 'removed'; text: string };
export type FieldDiff = { label: string; before: string; after: string; changed: boolean; words: WordChange[] };

/** Longest-common-subsequence diff over any tokens; runs of one kind are merged with `join`. */
export function diffTokens(a: string[], b: string[], join = ''): WordChange[] {
  // Guard the quadratic table: beyond it, show the whole change as one removal and one addition.
  if (a.length * b.length > 4_000_000) {
    return [
      { op: 'removed', text: a.join(join) },
      { op: 'added', text: b.join(join) },
    ];
  }
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: WordChange[] = [];
  const push = (op: WordChange['op'], text: string) => {
    const last = out.at(-1);
    if (last && last.op === op) last.text += join + text;
    else out.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('removed', a[i++]!);
    else push('added', b[j++]!);
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  return out;
}

/** Word-level diff (over words and the spaces between them). */
export function diffWords(before: string, after: string): WordChange[] {
  return diffTokens(
    before.split(/(\s+)/).filter((w) => w !== ''),
    after.split(/(\s+)/).filter((w) => w !== ''),
  );
}

export type ParagraphChange = { op: 'same' | 'added' | 'removed' | 'changed'; words: WordChange[] };

/**
 * Paragraph-level diff of two long texts (one paragraph per line); a paragraph removed and one
 * added in its place are shown as one changed paragraph, word by word.
 */
export function diffParagraphs(before: string, after: string): ParagraphChange[] {
  const a = before.split('\n').filter((l) => l.trim());
  const b = after.split('\n').filter((l) => l.trim());
  const lines = diffTokens(a, b, '\n');
  const out: ParagraphChange[] = [];
  for (let k = 0; k < lines.length; k++) {
    const change = lines[k]!;
    const next = lines[k + 1];
    if (change.op === 'removed' && next?.op === 'added') {
      const removed = change.text.split('\n');
      const added = next.text.split('\n');
      const pairs = Math.min(removed.length, added.length);
      for (let p = 0; p < pairs; p++) out.push({ op: 'changed', words: diffWords(removed[p]!, added[p]!) });
      for (const text of removed.slice(pairs)) out.push({ op: 'removed', words: [{ op: 'removed', text }] });
      for (const text of added.slice(pairs)) out.push({ op: 'added', words: [{ op: 'added', text }] });
      k++;
      continue;
    }
    for (const text of change.text.split('\n')) out.push({ op: change.op, words: [{ op: change.op, text }] });
  }
  return out;
}

/** Compare two records given as ordered label → text lists (the same labels on both sides). */
export function diffFields(before: [string, string][], after: [string, string][]): FieldDiff[] {
  const afterMap = new Map(after);
  const labels = [...new Set([...before.map(([l]) => l), ...after.map(([l]) => l)])];
  const beforeMap = new Map(before);
  return labels.map((label) => {
    const a = beforeMap.get(label) ?? '';
    const b = afterMap.get(label) ?? '';
    return { label, before: a, after: b, changed: a !== b, words: a === b ? [{ op: 'same', text: a }] : diffWords(a, b) };
  });
}
