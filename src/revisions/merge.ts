/**
 * Three-way merge of a form after a stale save (ADR 025): the version the person's form was
 * opened at (base), the version saved since (theirs), and what the person sent (mine). A field
 * only one side changed takes that side's value; a field both changed to different values is a
 * conflict: the form keeps the person's value and asks about that field alone. So "save again"
 * never reverts what the other person changed and this person did not touch.
 */

export type Merge<V> = {
  values: V;
  /** Fields both changed, to different values: the form keeps mine and asks. */
  conflicts: (keyof V & string)[];
  /** Fields only they changed: the form now holds their value. */
  theirs: (keyof V & string)[];
};

/** Text as a form round-trips it: CRLF from a browser's textarea is the LF the record holds. */
function comparable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : v));
}

/**
 * `normalise` makes the three comparable where a form holds more than the record (blank rows);
 * `skip` names fields that are not merged (the note on the change is always the person's own).
 */
export function mergeValues<V extends object>(base: V, theirs: V, mine: V, options: { skip?: string[]; normalise?: (v: V) => V } = {}): Merge<V> {
  const skip = new Set(options.skip ?? ['comment']);
  const norm = options.normalise ?? ((v: V) => v);
  const [b, t, m] = [norm(base), norm(theirs), norm(mine)] as Record<string, unknown>[];
  const values = { ...mine } as Record<string, unknown>;
  const conflicts: string[] = [];
  const taken: string[] = [];
  for (const key of Object.keys(mine)) {
    if (skip.has(key)) continue;
    const [inBase, inTheirs, inMine] = [comparable(b![key]), comparable(t![key]), comparable(m![key])];
    if (inTheirs === inBase || inTheirs === inMine) continue; // they did not change it, or agree
    if (inMine === inBase) {
      values[key] = (theirs as Record<string, unknown>)[key];
      taken.push(key);
    } else conflicts.push(key);
  }
  return { values: values as V, conflicts: conflicts as Merge<V>['conflicts'], theirs: taken as Merge<V>['theirs'] };
}
