/**
 * One entry of a facts list (`<dl class="facts">`): the term and what it says. Written as a
 * component so that an entry shown only sometimes needs no fragment around its two elements.
 */
import type { Child } from 'hono/jsx';

export function Fact(props: { term: string; children: Child }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </>
  );
}
