#!/usr/bin/env node
// The `sheaf` command: runs the bundle built by `npm install` (scripts/build-cli.mjs).
'use strict'
const path = require('node:path')
const fs = require('node:fs')
// A larger young generation: reading a season allocates many short-lived objects (fewer scavenges).
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
