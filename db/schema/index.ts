/** The whole database schema, one file per area. drizzle-kit reads this file. */
export * from './story.js';
export * from './desk.js';
export * from './summaries.js';
