/**
 * Every decision record carries a `Date:` and a `Status:` line near its title. The status is
 * Accepted or Superseded; a superseded record names the record that replaced it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'decisions');
const records = fs.readdirSync(dir).filter((name) => /^\d{3}-.*\.md$/.test(name)).sort();

test('there are decision records to check', () => {
  assert.ok(records.length > 0);
});

for (const name of records) {
  test(`${name} has a date and a status`, () => {
    const lines = fs.readFileSync(path.join(dir, name), 'utf8').split('\n');
    // The header is the lines before the first section.
    const header = lines.slice(0, lines.findIndex((line) => line.startsWith('## ')));
    const date = header.find((line) => line.startsWith('Date:'));
    const status = header.find((line) => line.startsWith('Status:'));
    assert.match(date ?? '', /^Date: \d{4}-\d{2}-\d{2}$/, `${name}: no "Date: YYYY-MM-DD" line`);
    assert.match(status ?? '', /^Status: (Accepted|Superseded)\b/, `${name}: no "Status:" line`);
    if (/^Status: Superseded/.test(status!)) {
      const by = status!.match(/by (\d{3})/);
      assert.ok(by, `${name}: a superseded record says by what`);
      assert.ok(
        records.some((other) => other.startsWith(`${by![1]}-`)),
        `${name}: superseded by ${by![1]}, which does not exist`,
      );
    }
  });
}
