import { describe, expect, it } from 'vitest';
import { AamlogError } from '../src/errors.js';
import { loadSnapshots } from '../src/snapshots/load.js';

const dir = 'test/fixtures/snapshots/invalid';

/** The problem lines of the error a load throws. */
async function problems(path: string): Promise<string[]> {
  const error = await loadSnapshots(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AamlogError);
  expect((error as AamlogError).exitCode).toBe(2);
  const [head, ...lines] = (error as AamlogError).message.split('\n');
  expect(head).toBe(`invalid policy snapshots (${lines.length === 1 ? '1 problem' : `${lines.length} problems`}):`);
  return lines.map((line) => line.trim());
}

describe('snapshot validation: every problem with its file and path', () => {
  it('wrong values: each with the path inside the file and what was expected', async () => {
    const f = `${dir}/bad-values.json`;
    expect(await problems(f)).toEqual([
      `${f}: capturedAt: expected an ISO 8601 date-time with an offset or Z, e.g. 2026-11-20T08:00:00+01:00, got "2026-11-20 08:00"`,
      `${f}: offlinePolicies[1].enabled: expected true or false, got "yes"`,
      `${f}: offlinePolicies[2].minOnlinePasscodeLength: expected an integer from 1 to 32, got 40`,
      `${f}: offlinePolicies[2].allow.pinlessTokens: expected true or false, got 1`,
      `${f}: users[0].tokens[0].serial: expected a string of digits (quote it in YAML so leading zeros stay), got 345678901`,
      `${f}: users[0].tokens[0].type: expected one of hardware-fob, hardware-pinpad, software-fob, software-pinpad, software-tokencode, fixed-passcode, got "usb"`,
      `${f}: users[0].tokens[0].tokencodeLength: expected 6 or 8, got 7`,
      `${f}: users[0].tokens[0].pinLength: expected an integer from 4 to 8, got 9`,
    ]);
  });

  it('references and uniqueness: names that must exist, one default, unique names', async () => {
    const f = `${dir}/bad-references.yaml`;
    expect(await problems(f)).toEqual([
      `${f}: users[0].tokens[0].serial: expected a string of digits (quote it in YAML so leading zeros stay), got 123456789`,
      `${f}: offlinePolicies[2].name: duplicate policy name 'Legacy Laptops' (also offlinePolicies[1])`,
      `${f}: users[1].userId: duplicate user ID (compared case-insensitively) 'JDoe' (also users[0])`,
      `${f}: offlinePolicies: expected exactly one policy with "default": true, found 2: 'Initial Offline Authentication Policy', 'Legacy Laptops'`,
      `${f}: securityDomains[1].offlinePolicy: expected 'ALWAYS_USE_DEFAULT' or the name of a policy in this snapshot, got 'Missing Policy'`,
      `${f}: securityDomains[1].parent: expected the name of a security domain in this snapshot, got 'Nowhere'`,
      `${f}: users[0].securityDomain: expected the name of a security domain in this snapshot, got 'Ghost'`,
      `${f}: users[0].tokens[1].passcodeLength: expected the length of the fixed passcode (required for type fixed-passcode), got nothing`,
      `${f}: agents[0].securityDomain: expected the name of a security domain in this snapshot, got 'Ghost'`,
    ]);
  });

  it('no default policy', async () => {
    expect(await problems(`${dir}/no-default.json`)).toEqual([
      `${dir}/no-default.json: offlinePolicies: expected exactly one policy with "default": true, found none`,
    ]);
  });

  it('a top level that is not an object', async () => {
    expect(await problems(`${dir}/not-object.json`)).toEqual([
      `${dir}/not-object.json: expected an object with capturedAt, offlinePolicies and securityDomains, got a list`,
    ]);
  });

  it('JSON and YAML syntax errors name the line', async () => {
    expect(await problems(`${dir}/syntax.json`)).toEqual([
      `${dir}/syntax.json: line 4, column 120: invalid JSON: expected a quoted key, found "}"`,
    ]);
    expect(await problems(`${dir}/syntax.yaml`)).toEqual([
      `${dir}/syntax.yaml: line 5, column 1: invalid YAML: Sequence item without - indicator`,
    ]);
  });

  it('two snapshots with the same capturedAt, even in different offsets', async () => {
    expect(await problems('test/fixtures/snapshots/same-instant')).toEqual([
      'test/fixtures/snapshots/same-instant/b.json: capturedAt: 2026-11-20T07:00:00Z is the same moment as test/fixtures/snapshots/same-instant/a.json (2026-11-20T08:00:00+01:00); two snapshots cannot share a capturedAt',
    ]);
  });

  it('a folder reports the problems of every file at once', async () => {
    const all = await problems(dir);
    const files = new Set(all.map((line) => line.slice(0, line.indexOf(': '))));
    expect([...files].sort()).toEqual(
      [
        'alias-bomb.yaml', 'bad-references.yaml', 'bad-values.json', 'deep.json', 'duplicate-key.json', 'duplicate-key.yaml',
        'huge-number.json', 'no-default.json', 'not-object.json', 'proto.json', 'syntax.json', 'syntax.yaml',
      ].map((name) => `${dir}/${name}`),
    );
    expect(all).toHaveLength(28);
  });
});
