/**
 * The app in process: requests go through `app.request()` (Hono's own way, no socket), with the
 * same cookie-keeping Client as over HTTP. For route tests where the socket does not matter;
 * `startTestServer` in app.ts is for those where it does.
 */
import { createApp } from '../../src/app.js';
import type { Role } from '../../src/auth/permissions.js';
import { createUser } from '../../src/users/service.js';
import { Client, makeTestDb, testConfig, TEST_PASSWORD, TEST_PASSWORD_COST, type TestDb } from './app.js';

const ORIGIN = 'http://127.0.0.1:3000';

export type TestApp = TestDb & {
  app: ReturnType<typeof createApp>;
  addUser: (role: Role, email?: string) => Promise<{ id: number; email: string; name: string }>;
  client: () => Client;
  signIn: (role: Role, email?: string) => Promise<Client & { userId: number; name: string }>;
};

export function startTestApp(options: { withStory?: boolean; cachePages?: boolean } = {}): TestApp {
  const testDb = makeTestDb(options);
  const config = testConfig({ HOST: '127.0.0.1', PORT: '3000' });
  const app = createApp({ db: testDb.db, config, log: () => {}, passwordCost: TEST_PASSWORD_COST, cachePages: options.cachePages, pageCacheOptions: { recheckMs: 0 } });
  const client = () => new Client(ORIGIN, (url, init) => app.request(url, init));
  let counter = 0;
  const addUser = async (role: Role, email?: string) => {
    const n = ++counter;
    const name = `${role} ${n}`;
    const address = email ?? `${role}-${n}@newsroom.test`;
    const user = await createUser(testDb.db, { email: address, name, role, password: TEST_PASSWORD }, null, TEST_PASSWORD_COST);
    return { id: user.id, email: address, name };
  };
  return {
    ...testDb,
    app,
    addUser,
    client,
    signIn: async (role, email) => {
      const user = await addUser(role, email);
      const c = client();
      const response = await c.post('/login', { email: user.email, password: TEST_PASSWORD });
      if (response.status !== 303) throw new Error(`sign-in as ${role} answered ${response.status}`);
      return Object.assign(c, { userId: user.id, name: user.name });
    },
  };
}
