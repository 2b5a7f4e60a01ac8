import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AamlogError } from '../src/errors.js';
import { checkSnapshots, loadSnapshots } from '../src/snapshots/load.js';
import { snapshotTemplate } from '../src/snapshots/template.js';
import { tempDir } from './support/temp.js';

const dir = 'test/fixtures/snapshots';

describe('loading snapshots', () => {
  it('reads a folder of .json and .yaml files, oldest first', async () => {
    const loaded = await loadSnapshots(`${dir}/history`);
    expect(loaded.map((s) => [s.path, s.capturedAt])).toEqual([
      [`${dir}/history/2026-11-13.json`, '2026-11-13T08:00:00+01:00'],
      [`${dir}/history/2026-11-20.json`, '2026-11-20T08:00:00+01:00'],
      [`${dir}/history/2026-11-25.yaml`, '2026-11-25T12:00:00+01:00'],
    ]);
    expect(loaded[2].capturedAtMs).toBe(Date.parse('2026-11-25T11:00:00Z'));
  });

  it('fills in the documented defaults', async () => {
    const [loaded] = await loadSnapshots(`${dir}/history/2026-11-25.yaml`);
    const legacy = loaded.snapshot.offlinePolicies[1];
    expect(legacy).toEqual({
      name: 'Legacy Laptops',
      default: false,
      enabled: true,
      minOnlinePasscodeLength: 10,
      allow: { pinpadOrSoftwareTokens: false, pinlessTokens: false, fixedPasscodes: false },
      emergencyCodes: { tokencodes: true, passcodes: true },
    });
    const [pinned] = await loadSnapshots(`${dir}/pinned.json`);
    const asmith = pinned.snapshot.users.find((u) => u.userId === 'asmith')!;
    expect(asmith.tokens[0]).toEqual({
      serial: '000234567890', type: 'hardware-fob', tokencodeLength: 6, pinRequired: true, pinLength: 4, passcodeLength: null,
    });
    expect(pinned.snapshot.users.find((u) => u.userId === 'tnguyen')!.tokens[0].tokencodeLength).toBe(8);
    expect(pinned.snapshot.users.find((u) => u.userId === 'ntokens')!.tokens).toEqual([]);
  });

  it('keeps unknown extra fields out of the way: the file loads and they are ignored', async () => {
    const [loaded] = await loadSnapshots(`${dir}/valid-extra-fields.json`);
    expect(loaded.capturedAt).toBe('2026-11-13T07:00:00Z');
    expect(loaded.snapshot.offlinePolicies[0].allow).toEqual({ pinpadOrSoftwareTokens: true, pinlessTokens: true, fixedPasscodes: false });
    expect(Object.keys(loaded.snapshot)).toEqual(['capturedAt', 'offlinePolicies', 'securityDomains', 'users', 'agents']);
  });

  it('checkSnapshots lists each file with its capturedAt', async () => {
    expect(await checkSnapshots('samples/snapshots')).toEqual([
      { path: 'samples/snapshots/2026-11-13.json', capturedAt: '2026-11-13T08:00:00+01:00' },
      { path: 'samples/snapshots/2026-11-20.yaml', capturedAt: '2026-11-20T08:00:00+01:00' },
      { path: 'samples/snapshots/2026-11-25.json', capturedAt: '2026-11-25T12:00:00+01:00' },
    ]);
  });

  it('the template is a valid snapshot as printed', async () => {
    const folder = tempDir('aamlog-template-');
    await writeFile(join(folder, 'now.json'), snapshotTemplate('2026-11-28T09:30:00+01:00'));
    const [loaded] = await loadSnapshots(folder);
    expect(loaded.capturedAt).toBe('2026-11-28T09:30:00+01:00');
    expect(loaded.snapshot.securityDomains.map((d) => `${d.name}: ${d.offlinePolicy}`)).toEqual([
      'SystemDomain: ALWAYS_USE_DEFAULT',
      'Field Sales: Legacy Laptops',
    ]);
  });

  it('a missing path and a folder without snapshot files stop with exit status 2', async () => {
    await expect(loadSnapshots(`${dir}/nowhere`)).rejects.toThrow(`${dir}/nowhere: no such file or folder`);
    const empty = tempDir('aamlog-empty-');
    await writeFile(join(empty, 'README.txt'), 'not a snapshot');
    const error = await loadSnapshots(empty).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AamlogError);
    expect((error as AamlogError).exitCode).toBe(2);
    expect((error as AamlogError).message).toBe(`${empty}: no .json, .yaml or .yml snapshot files in this folder`);
  });
});
