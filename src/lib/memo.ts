/**
 * Remembering a one-argument function's answers where the same inputs come again and again: the
 * suggester's phrases and clauses within an article, the Markdown notes a page shows on every
 * render.
 */

/**
 * `compute`, remembering its answer for each key. Once more than `limit` answers are kept they
 * are all forgotten at once: cheap, and bounded for a long-running server. `clear()` forgets them
 * too (the suggester starts each article afresh).
 */
export function memoize<R>(compute: (key: string) => R, limit: number): ((key: string) => R) & { clear: () => void } {
  const answers = new Map<string, R>();
  const remembered = (key: string): R => {
    const kept = answers.get(key);
    if (kept !== undefined) return kept;
    if (answers.size > limit) answers.clear();
    const answer = compute(key);
    answers.set(key, answer);
    return answer;
  };
  return Object.assign(remembered, { clear: () => answers.clear() });
}
