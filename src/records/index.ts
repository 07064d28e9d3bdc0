/**
 * The records claims rest on — parties, sources, stories and their questions — as other desk
 * areas use them: pickers for forms (`[id, label]` pairs sorted by label, and a story's questions
 * in order), visibility checks, and the shared field rules. Each record type's service lives in
 * its own module here; the desk screens are in src/routes/desk-records.tsx.
 */
export { partyOptions } from './parties.js';
export { sourceOptions, sourceLabel } from './sources.js';
export { questionsOfStoryForForm, type QuestionForForm } from './questions.js';
export { isPartyPublic, isSourcePublic, isStoryPublic } from './visibility.js';
export { slugify, SLUG_PATTERN, isIsoDay } from './fields.js';
