#!/usr/bin/env -S node --max-semi-space-size=32 --max-inlined-bytecode-size-cumulative=300 --initial-old-space-size=400
// The `sheaf` command: runs the bundle built by `npm install` (scripts/build-cli.mjs).
//
// Three V8 options (the first line), each measured on a country by alternating runs:
// - a larger young generation: an import allocates many short-lived objects, and the main thread
//   keeps a season's figures; it halves the main thread's scavenges;
// - less inlining per optimised function (300 bytes of bytecode instead of 920): the optimising
//   compiler runs on threads that share the two cores with the reader, and its work was a sixth of
//   a country's CPU; ~0.2 s less CPU and ~0.1 s less time, the code as fast;
// - a first old generation of 400 MB for the main thread, which keeps a season's figures (~250 MB for
//   a country): without it V8 marks the whole growing heap two or three times on the way, on the cores
//   the reader needs; ~0.2 s less CPU and ~0.1 s less time, the same peak memory. The read workers
//   keep nothing from file to file: they are given V8's default (below), so that a PC with many
//   cores and as many readers does not hold 400 MB of garbage in each.
// Any V8 option also makes Node refuse its own built-in code cache (its internal modules are compiled
// anew, ~15 ms more to start a worker): measured, the options pay for it. They must be on the
// command line for the main thread, whose heap is made before any script runs; set from here they
// reach the read workers only: the first two are set here too (for `node bin/sheaf.js`), the third is
// set back to V8's default for them.
'use strict'
const path = require('node:path')
const fs = require('node:fs')
for (const flag of [
  '--max-semi-space-size=32',
  '--max-inlined-bytecode-size-cumulative=300',
  '--initial-old-space-size=0',
])
  require('node:v8').setFlagsFromString(flag)
const bundle = path.join(__dirname, '..', 'out', 'cli', 'sheaf.cjs')
// the bundles' compiled code kept from one run to the next (SHEAF_CODE_CACHE=0: without)
if (process.env.SHEAF_CODE_CACHE !== '0') require('./code-cache.js').install(path.dirname(bundle))
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    'Sheaf chưa được build: chạy "npm run build:cli" (not built yet: run "npm run build:cli")\n',
  )
  process.exit(1)
}
require(bundle)
