/**
 * Markdown for readers: marked turns it into HTML, then sanitize-html keeps only a small set of
 * tags and attributes. Nothing that runs survives: no <script> or <style>, no event handlers, no
 * `hx-*`/`data-*` attributes (htmx would act on them), no `javascript:` or `data:` URLs.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ async: false, gfm: true, breaks: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'em', 'strong', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre',
    'h3', 'h4', 'h5', 'h6', 'hr', 'del', 'sup', 'sub',
  ],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Links leave the site without handing over the reader's page or window.
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'nofollow noopener noreferrer' },
    }),
  },
};

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, SANITIZE);
}
