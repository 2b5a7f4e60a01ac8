#!/usr/bin/env node
// `aamlog --version` alone answers before the command line (and its libraries) loads:
// scripts and monitoring call it often, and it should cost no more than starting Node.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { toolVersion } = await import('../dist/version.js');
  process.stdout.write(`${toolVersion()}\n`);
} else {
  // One bundle (npm run build): loading the command line's ninety modules one by one cost 40 ms.
  await import('../dist/aamlog.js');
}
