/**
 * A claim's words (ADR 027): the original with its language, each rendering with the source that
 * published it, and where two renderings in one language differ, the words where they part ways.
 * Every text in another language than the page's carries its `lang`.
 */
import type { ClaimWords, Comparison, RenderingView } from '../../src/claims/rendering-view.js';
import { translatorPhrase } from '../../src/claims/rendering-view.js';
import { langAttribute, languageName } from '../../src/claims/languages.js';
import { describeOutcome } from '../../src/quotes/verify-quote.js';

/** Whether a claim's words need more than its statement: an original, a translation note, or a second rendering. */
export function hasWordsToShow(words: ClaimWords | undefined): words is ClaimWords {
  return !!words && (words.original.trim() !== '' || words.note !== '' || words.renderings.length > 1);
}

function SourceName(props: { rendering: RenderingView }) {
  const { source } = props.rendering;
  if (!source) return <>our newsroom</>;
  return (
    <a href={`/sources/${source.id}`}>
      {source.publisher}
      <span class="visually-hidden">: {source.title}</span>
    </a>
  );
}

function RenderingItem(props: { rendering: RenderingView; index: number }) {
  const r = props.rendering;
  const who = translatorPhrase(r);
  return (
    <li class="rendering" data-rendering={props.index} data-language={r.language}>
      <blockquote lang={langAttribute(r.language)}>
        <p>{r.text}</p>
      </blockquote>
      <p class="meta">
        {languageName(r.language)}
        {r.translated ? `, ${who || 'a translation'}` : ', as said'}
        {' — '}
        <SourceName rendering={r} />
        {r.outcome ? ` · ${describeOutcome(r.outcome)}` : ''}
      </p>
    </li>
  );
}

const SIDES = ['first', 'second'] as const;

/** One rendering's text with the words the other one does not share marked. */
function Marked(props: { comparison: Comparison; side: (typeof SIDES)[number] }) {
  const own = props.side === 'first' ? 'added' : 'removed';
  const parts = props.comparison.ops.filter((op) => op.op === 'same' || op.op === own);
  return (
    <p lang={langAttribute(props.comparison.language)}>
      {parts.map((op, i) => (
        <>
          {i > 0 ? ' ' : ''}
          {op.op === 'same' ? op.text : <mark>{op.text}</mark>}
        </>
      ))}
    </p>
  );
}

export function ComparisonView(props: { comparison: Comparison }) {
  const c = props.comparison;
  const lang = langAttribute(c.language);
  return (
    <div class="rendering-comparison" data-comparison>
      <p>
        {c.changes.map(([a, b], i) => (
          <>
            {i > 0 ? '; ' : ''}
            <SourceName rendering={c.first} /> has “<span lang={lang}>{a || '—'}</span>”, <SourceName rendering={c.second} /> “
            <span lang={lang}>{b || '—'}</span>”
          </>
        ))}
        .
      </p>
      <dl class="comparison-texts">
        {SIDES.map((side) => (
          <>
            <dt>
              <SourceName rendering={c[side]} />
            </dt>
            <dd>
              <Marked comparison={c} side={side} />
            </dd>
          </>
        ))}
      </dl>
    </div>
  );
}

/** The claim page's section on its words; nothing when the claim has only its statement. */
export function ClaimWordsSection(props: { words: ClaimWords | undefined }) {
  if (!hasWordsToShow(props.words)) return null;
  const w = props.words;
  return (
    <section aria-labelledby="words-heading" class="claim-words">
      <h2 id="words-heading">{w.renderings.some((r) => r.translated) ? 'The words said and their translations' : 'The words as each source published them'}</h2>
      {w.note ? <p class="words-note">{w.note}</p> : null}
      {w.original.trim() && w.language ? (
        <figure class="original">
          <blockquote lang={w.language}>
            <p>{w.original}</p>
          </blockquote>
          <figcaption>As said, in {languageName(w.language)}</figcaption>
        </figure>
      ) : w.languageName && w.renderings.some((r) => r.translated) ? (
        <p class="meta">We do not hold the words in {w.languageName} as said.</p>
      ) : null}
      {/* A lone rendering is the statement shown above: the note already says whose words they are. */}
      {w.renderings.length > 1 || w.original.trim() ? (
        <ul class="renderings">
          {w.renderings.map((r, i) => (
            <RenderingItem rendering={r} index={i} />
          ))}
        </ul>
      ) : null}
      {w.comparisons.length ? (
        <section aria-labelledby="parting-heading" class="renderings-part-ways">
          <h3 id="parting-heading">Where the translations part ways</h3>
          {w.comparisons.map((c) => (
            <ComparisonView comparison={c} />
          ))}
        </section>
      ) : null}
    </section>
  );
}
