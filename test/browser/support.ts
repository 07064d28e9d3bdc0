/**
 * Shared pieces of the browser tests (`*.browser.ts`, run by `npm run test:browser`, never by
 * `npm test`): the public pages they visit and a Chromium launched from the system's own
 * executable (playwright-core never downloads a browser here).
 */
import fs from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** Every public page a reader can reach, with a name used in messages and file names. */
export const PUBLIC_PAGES: { name: string; path: string; status: number }[] = [
  { name: 'home', path: '/', status: 200 },
  { name: 'story', path: '/stories/taurus-leak', status: 200 },
  {
    name: 'story-filtered',
    path: '/stories/taurus-leak?party=boris-pistorius&party=dmitry-peskov&question=officers-should-be-punished',
    status: 200,
  },
  { name: 'question', path: '/stories/taurus-leak/questions/british-personnel-on-the-ground', status: 200 },
  { name: 'party', path: '/parties/boris-pistorius', status: 200 },
  { name: 'party-without-claims', path: '/parties/rt-editor', status: 200 },
  { name: 'claim', path: '/claims/1', status: 200 },
  { name: 'source', path: '/sources/1', status: 200 },
  { name: 'not-found', path: '/parties/nobody', status: 404 },
  { name: 'search-empty', path: '/search', status: 200 },
  { name: 'search-results', path: '/search?q=leak&story=taurus-leak', status: 200 },
];

export const STORY_PATH = '/stories/taurus-leak';

/** The system Chromium (Debian's `chromium` package); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH; ` +
        'these tests never download a browser.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox', // CI runs as root, where Chromium's sandbox cannot start
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    ...options,
  });
}
