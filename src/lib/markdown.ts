/**
 * Markdown for readers: marked turns it into HTML, then sanitize-html keeps only a small set of
 * tags and attributes. Nothing that runs survives: no <script> or <style>, no event handlers, no
 * `hx-*`/`data-*` attributes (htmx would act on them), no `javascript:` or `data:` URLs.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { memoize } from './memo.js';

const marked = new Marked({ async: false, gfm: true, breaks: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'em', 'strong', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre',
    'h3', 'h4', 'h5', 'h6', 'hr', 'del', 'sup', 'sub',
  ],
  // `rel` is allowed only so the transform below can set it: whatever the author wrote is replaced.
  allowedAttributes: { a: ['href', 'title', 'rel'] },
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

/** Deeper nesting than any newsroom writes; marked recurses per level and would exhaust the stack. */
const MAX_NESTING = 20;
/**
 * Longer than any field that takes Markdown accepts (20 000 characters): marked's emphasis
 * matching is quadratic on hostile input, so anything longer is shown as plain paragraphs.
 */
const MAX_MARKDOWN = 20_000;

/**
 * The same text always makes the same HTML, and a page shows the same notes again on every render:
 * texts up to REMEMBERED_LENGTH are remembered (at most REMEMBERED texts, a few MB at worst).
 */
const REMEMBERED = 1000;
const REMEMBERED_LENGTH = 2000;
const rememberedMarkdown = memoize(renderMarkdownNow, REMEMBERED);

export function renderMarkdown(markdown: string): string {
  if (markdown === '') return '';
  return markdown.length <= REMEMBERED_LENGTH ? rememberedMarkdown(markdown) : renderMarkdownNow(markdown);
}

function renderMarkdownNow(markdown: string): string {
  try {
    if (markdown.length <= MAX_MARKDOWN && !nestsTooDeep(markdown)) return sanitizeHtml(marked.parse(markdown) as string, SANITIZE);
  } catch {
    // Fall through: a text marked cannot parse is still shown, as plain paragraphs.
  }
  return plainParagraphs(markdown);
}

function nestsTooDeep(markdown: string): boolean {
  const quoteDepth = Math.max(0, ...markdown.split('\n').map((line) => /^[\s>]*/.exec(line)![0].replace(/\s/g, '').length));
  const listDepth = Math.max(0, ...markdown.split('\n').map((line) => Math.floor((/^ */.exec(line)![0].length) / 2)));
  let brackets = 0;
  let deepest = 0;
  for (const ch of markdown) {
    if (ch === '[') deepest = Math.max(deepest, ++brackets);
    else if (ch === ']') brackets = Math.max(0, brackets - 1);
  }
  return quoteDepth > MAX_NESTING || listDepth > MAX_NESTING || deepest > MAX_NESTING;
}

function plainParagraphs(markdown: string): string {
  return markdown
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${sanitizeHtml(paragraph, { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: 'escape' })}</p>`)
    .join('');
}
