/** The committed WebAssembly modules are the ones their .wat files build: nobody edits one by hand or forgets to rebuild it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { buildModule, modulePath, MODULES } from '../scripts/build-wasm.mjs';

describe('the WebAssembly modules of src/parse', () => {
  for (const module of MODULES as { name: string; constant: string }[]) {
    it(`${module.name}-wasm.ts is what scripts/build-wasm.mjs builds from ${module.name}.wat`, async () => {
      expect(readFileSync(modulePath(module.name), 'utf8')).toBe(await buildModule(module));
    });
  }
});
