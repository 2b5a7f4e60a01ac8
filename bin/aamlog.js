#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json), so that `aamlog --version` answers before Node starts its
// ESM loader or the command line loads: scripts and monitoring call it often, and it should
// cost no more than starting Node (the ESM loader alone added 13 ms to 117).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  // One bundle (npm run build): loading the command line's ninety modules one by one cost 40 ms.
  import('../dist/aamlog.js');
}
