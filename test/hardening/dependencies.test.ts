/**
 * Dependencies past known advisories: every package in src/security/minimum-versions.ts is
 * installed at or above its floor (read from node_modules, not from package.json, since what runs
 * is what is installed), package.json pins exact versions (no ^, ~, ranges or tags, so an
 * install cannot drift), and what is installed is what package.json pins.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { projectRoot } from '../../src/config.js';
import { MINIMUM_VERSIONS } from '../../src/security/minimum-versions.js';

type Version = { major: number; minor: number; patch: number; pre: (string | number)[] };

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]+)?$/;

function parseVersion(text: string): Version {
  const match = SEMVER.exec(text.trim());
  if (!match) throw new Error(`not a semantic version: ${JSON.stringify(text)}`);
  const pre = match[4] ? match[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [];
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), pre };
}

/** Semantic-version order (semver.org §11): negative when a < b, 0 when equal, positive when a > b. */
function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (const key of ['major', 'minor', 'patch'] as const) if (x[key] !== y[key]) return x[key] - y[key];
  // A pre-release comes before its release: 1.0.0-rc.1 < 1.0.0.
  if (!x.pre.length || !y.pre.length) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    if (typeof p === 'number') return -1; // numeric identifiers sort before alphanumeric ones
    if (typeof q === 'number') return 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

function installedVersion(name: string): string {
  const file = path.join(projectRoot, 'node_modules', ...name.split('/'), 'package.json');
  assert.ok(fs.existsSync(file), `${name} is not installed (no ${path.relative(projectRoot, file)}): run npm ci`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
  assert.equal(json.name, name, `${file} is not ${name}'s package.json`);
  return json.version!;
}

const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

describe('the version comparison', () => {
  test('orders releases and pre-releases as semver does', () => {
    const ordered = ['0.9.9', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.2.0', '1.10.0', '2.0.0', '10.0.0'];
    for (let i = 0; i < ordered.length - 1; i++) {
      assert.ok(compareVersions(ordered[i]!, ordered[i + 1]!) < 0, `${ordered[i]} < ${ordered[i + 1]}`);
      assert.ok(compareVersions(ordered[i + 1]!, ordered[i]!) > 0, `${ordered[i + 1]} > ${ordered[i]}`);
    }
    assert.equal(compareVersions('4.12.34', '4.12.34'), 0);
    assert.equal(compareVersions('1.0.0+build.5', '1.0.0'), 0, 'build metadata does not count');
    assert.ok(compareVersions('4.13.19', '4.12.34') > 0, 'numbers, not strings: 13 > 12');
    assert.ok(compareVersions('2.1.9', '1.19.15') > 0, 'a new major is past an old floor');
    assert.ok(compareVersions('2.17.10', '2.17.5') > 0);
    assert.throws(() => compareVersions('^1.2.3', '1.2.3'), /not a semantic version/);
    assert.throws(() => compareVersions('1.2', '1.2.0'), /not a semantic version/);
  });
});

describe('installed dependencies are past known advisories', () => {
  for (const [name, floor] of Object.entries(MINIMUM_VERSIONS)) {
    test(`${name} ≥ ${floor}`, () => {
      const installed = installedVersion(name);
      assert.ok(compareVersions(installed, floor) >= 0, `${name} ${installed} is older than ${floor}, the first version past its known advisories: upgrade it`);
    });
  }

  test('every floor names a dependency the app actually declares', () => {
    for (const name of Object.keys(MINIMUM_VERSIONS)) {
      assert.ok(manifest.dependencies?.[name], `${name} has a floor but is not in package.json "dependencies"`);
    }
  });
});

describe('package.json pins exact versions', () => {
  for (const group of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
    test(`${group}: no ^, ~, ranges, tags or URLs`, () => {
      const loose = Object.entries(manifest[group] ?? {}).filter(([, spec]) => !SEMVER.test(spec));
      assert.deepEqual(loose, [], `${group} must pin exact versions (e.g. "1.2.3"), so installs cannot drift`);
    });
  }

  test('what is installed is what package.json pins', () => {
    const drift = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })
      .filter(([, spec]) => SEMVER.test(spec))
      .map(([name, spec]) => [name, spec, installedVersion(name)] as const)
      .filter(([, spec, installed]) => compareVersions(spec, installed) !== 0);
    assert.deepEqual(drift, [], 'installed versions differ from the pins: run npm ci');
  });

  test('the floors are not above the pins (a floor above the pin could never be installed)', () => {
    for (const [name, floor] of Object.entries(MINIMUM_VERSIONS)) {
      const spec = manifest.dependencies?.[name];
      if (spec && SEMVER.test(spec)) assert.ok(compareVersions(spec, floor) >= 0, `package.json pins ${name} at ${spec}, below its floor ${floor}`);
    }
  });
});
