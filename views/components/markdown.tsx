/**
 * The only places in views/ that emit raw HTML. <Markdown> renders through renderMarkdown, which
 * sanitises marked's output (ADR 003); everything else is escaped by JSX. <Doctype> writes the one
 * line JSX cannot.
 */
import { raw } from 'hono/html';
import { renderMarkdown } from '../../src/lib/markdown.js';

export function Markdown(props: { markdown: string }) {
  return <>{raw(renderMarkdown(props.markdown))}</>;
}

export function Doctype() {
  return <>{raw('<!DOCTYPE html>')}</>;
}
