import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSnapshots } from '../src/snapshots/load.js';
import { checkJsonText } from '../src/snapshots/json-check.js';
import { tempDir } from './support/temp.js';

const dir = 'test/fixtures/snapshots/invalid';

const messageOf = (path: string) =>
  loadSnapshots(path).then(
    () => 'loaded',
    (e: Error) => e.message,
  );

describe('hostile snapshots are rejected with a clear message', () => {
  it('__proto__ and constructor keys: named, rejected, and nothing polluted', async () => {
    expect(await messageOf(`${dir}/proto.json`)).toBe(
      [
        'invalid policy snapshots (2 problems):',
        `  ${dir}/proto.json: __proto__: the key '__proto__' is not allowed in a snapshot`,
        `  ${dir}/proto.json: offlinePolicies[0].constructor: the key 'constructor' is not allowed in a snapshot`,
      ].join('\n'),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a YAML alias bomb (billion laughs) stops before it expands', async () => {
    const started = Date.now();
    expect(await messageOf(`${dir}/alias-bomb.yaml`)).toBe(
      `invalid policy snapshots (1 problem):\n  ${dir}/alias-bomb.yaml: invalid YAML: its aliases expand to too much data (more than 100 uses of an anchor's content)`,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('deeply nested JSON is refused at the depth limit, with its line', async () => {
    expect(await messageOf(`${dir}/deep.json`)).toBe(
      `invalid policy snapshots (1 problem):\n  ${dir}/deep.json: line 44, column 75: invalid JSON: nested more than 64 levels deep`,
    );
    const million = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(checkJsonText(million)).toEqual([{ line: 1, column: 65, message: 'nested more than 64 levels deep' }]);
  });

  it('deeply nested YAML is refused too, at its path', async () => {
    const file = join(tempDir('aamlog-deep-'), 'deep.yaml');
    await writeFile(file, `capturedAt: "2026-11-20T08:00:00+01:00"\nnotes: ${'['.repeat(80)}${']'.repeat(80)}\n`);
    expect(await messageOf(file)).toBe(
      `invalid policy snapshots (1 problem):\n  ${file}: notes${'[0]'.repeat(63)}: nested more than 64 levels deep`,
    );
  });

  it('a number too large for any setting', async () => {
    expect(await messageOf(`${dir}/huge-number.json`)).toBe(
      `invalid policy snapshots (1 problem):\n  ${dir}/huge-number.json: offlinePolicies[0].minOnlinePasscodeLength: expected an integer from 1 to 32, got a number too large to represent`,
    );
  });

  it('duplicate keys in JSON and YAML, which parsers would silently resolve', async () => {
    expect(await messageOf(`${dir}/duplicate-key.json`)).toBe(
      `invalid policy snapshots (1 problem):\n  ${dir}/duplicate-key.json: line 9, column 7: invalid JSON: duplicate key "enabled"`,
    );
    expect(await messageOf(`${dir}/duplicate-key.yaml`)).toBe(
      `invalid policy snapshots (1 problem):\n  ${dir}/duplicate-key.yaml: line 7, column 5: invalid YAML: Map keys must be unique`,
    );
  });

  it('reports at most 20 duplicate keys of a file made of them', () => {
    const text = `{${Array.from({ length: 50_000 }, () => '"a": 1').join(',')}}`;
    expect(checkJsonText(text)).toHaveLength(20);
  });

  it('the JSON checker accepts what JSON.parse accepts, and finds what it rejects', () => {
    expect(checkJsonText('{"a": [1, -2.5e3, "x\\u00e9\\n", true, false, null, {}], "b": {}}')).toEqual([]);
    expect(checkJsonText('{"a": 01}')).toEqual([{ line: 1, column: 8, message: `expected ',' or '}', found "1"` }]);
    expect(checkJsonText('{"a": "tab\there"}')).toEqual([{ line: 1, column: 11, message: 'a control character inside a string must be escaped' }]);
    expect(checkJsonText('{"a": 1}\n{}')).toEqual([{ line: 2, column: 1, message: 'unexpected "{" after the end of the JSON value' }]);
    expect(checkJsonText('{"a": "open')).toEqual([{ line: 1, column: 7, message: 'a string is not closed' }]);
  });
});
