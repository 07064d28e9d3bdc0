/**
 * A facts list (`<dl class="facts">`): each entry a term and what it says. `Fact` is one entry,
 * so that an entry shown only sometimes needs no fragment around its two elements; `Facts`
 * writes a whole list from a table of entries.
 */
import type { Child } from 'hono/jsx';

/** A term, what it says, and the class of that description where it needs one ("pre-line"). */
export type FactEntry = [term: string, description: Child, descriptionClass?: string];

export function Fact(props: { term: string; class?: string; children: Child }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd class={props.class}>{props.children}</dd>
    </>
  );
}

export function Facts(props: { facts: FactEntry[] }) {
  return (
    <dl class="facts">
      {props.facts.map(([term, description, descriptionClass]) => (
        <Fact term={term} class={descriptionClass}>
          {description}
        </Fact>
      ))}
    </dl>
  );
}
