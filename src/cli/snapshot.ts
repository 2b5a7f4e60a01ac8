/** `aamlog snapshot`: an example to edit, validation, and the JSON Schema. */
import type { Command } from 'commander';

export function registerSnapshot(program: Command): void {
  const snapshot = program
    .command('snapshot')
    .description('work with policy snapshots')
    .addHelpText('after', `
Examples:
  $ aamlog snapshot template > snapshots/2026-11-28.json
  $ aamlog snapshot check snapshots/
  $ aamlog snapshot schema > snapshot.schema.json`);
  snapshot
    .command('template')
    .description('print a filled-in example snapshot to edit')
    .action(async () => {
      const { snapshotTemplate } = await import('../snapshots/template.js');
      process.stdout.write(snapshotTemplate(new Date().toISOString().replace(/\.\d+Z$/, 'Z')));
    });
  snapshot
    .command('check')
    .description('validate a snapshot file or a folder of them (exit 2 with every problem)')
    .argument('<path>', 'a .json/.yaml file or a folder')
    .action(async (path: string) => {
      const { checkSnapshots } = await import('../snapshots/load.js');
      for (const s of await checkSnapshots(path)) process.stdout.write(`ok ${s.path} (captured ${s.capturedAt})\n`);
    });
  snapshot
    .command('schema')
    .description('print the JSON Schema of the snapshot format')
    .action(async () => {
      const { snapshotJsonSchema } = await import('../snapshots/json-schema.js');
      process.stdout.write(`${JSON.stringify(snapshotJsonSchema(), null, 2)}\n`);
    });
}
