#!/usr/bin/env node
// The `sheaf` command: runs the bundle built by `npm install` (scripts/build-cli.mjs).
'use strict'
const path = require('node:path')
const fs = require('node:fs')
const bundle = path.join(__dirname, '..', 'out', 'cli', 'sheaf.cjs')
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    'Sheaf chưa được build: chạy "npm run build:cli" (not built yet: run "npm run build:cli")\n',
  )
  process.exit(1)
}
require(bundle)
