/**
 * Readable differences between two versions of a record: field by field, and word by word inside
 * a changed text, so an editor sees exactly which words changed in a quote.
 */
export type WordChange = { op: 'same' | 'added' | 'removed'; text: string };
export type FieldDiff = { label: string; before: string; after: string; changed: boolean; words: WordChange[] };

/** Word-level diff (longest common subsequence over words and the spaces between them). */
export function diffWords(before: string, after: string): WordChange[] {
  const a = before.split(/(\s+)/).filter((w) => w !== '');
  const b = after.split(/(\s+)/).filter((w) => w !== '');
  // Texts here are claims and notes (hundreds of words at most); guard the quadratic table anyway.
  if (a.length * b.length > 4_000_000) {
    return [
      { op: 'removed', text: before },
      { op: 'added', text: after },
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
    if (last && last.op === op) last.text += text;
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
