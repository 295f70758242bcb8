#!/usr/bin/env -S node --max-semi-space-size=32
// The `sheaf` command: runs the bundle built by `npm install` (scripts/build-cli.mjs).
//
// A larger young generation (the first line): an import allocates many short-lived objects, and the
// main thread keeps a season's figures; it halves the main thread's scavenges. Any V8 option also
// makes Node refuse its own built-in code cache (its internal modules are compiled anew, ~15 ms more
// to start a worker): measured on a country, the two about cancel. The option must be on the command
// line: set from here it would reach the read workers only, the main thread's heap being made
// already (so it is set here too, for `node bin/sheaf.js`).
'use strict'
const path = require('node:path')
const fs = require('node:fs')
require('node:v8').setFlagsFromString('--max-semi-space-size=32')
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
