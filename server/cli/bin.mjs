#!/usr/bin/env node
// Entry point installed as `twinward`: runs the compiled CLI (built by `npm run build`, which
// `npm install` runs as its prepare step).
const main = await import('../../dist/server/cli/main.js').catch((err) => {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
  process.stderr.write('twinward: the compiled CLI is missing; run `npm run build` first\n');
  process.exit(1);
});
process.exitCode = await main.main(process.argv.slice(2));
