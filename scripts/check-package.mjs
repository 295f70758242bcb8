// `npm run package:check`: packs the desktop application as electron-builder does for a release
// (`--linux dir`, with electron-builder.yml), with a stub in place of Electron's binary (which cannot
// be downloaded everywhere and is not needed to pack), then lists app.asar and app.asar.unpacked and
// checks that everything the main process loads is where it looks for it in a packaged build:
//   - the window's page (app/index.ts `rendererIndex`: out/renderer/index.html beside out/main) and
//     every asset it names, and the preload script (out/preload/index.cjs);
//   - the read worker (read-pool.ts `findWorkerEntry`: read-worker.js beside out/main/index.js),
//     read from inside the archive, and every module it and main require, with their dependencies,
//     resolved as Node resolves them;
//   - the native module: better-sqlite3 unpacked from the archive (a .node file cannot be loaded
//     from inside it) with its build/Release/better_sqlite3.node;
//   - the template packs (template-source.ts `templatesRoot`: templates/ two levels above out/main)
//     with every file each manifest names.
// Usage: node scripts/check-package.mjs [--keep]   (after `electron-vite build`; --keep leaves the
// packed folder in place and prints where it is). Exit 1 when anything is missing.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import asar from '@electron/asar'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const keep = process.argv.includes('--keep')
const started = Date.now()

if (!fs.existsSync(path.join(root, 'out/main/index.js'))) {
  console.error('check-package: out/main/index.js is missing: run `npx electron-vite build` first')
  process.exit(2)
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-package-'))
const stub = path.join(work, 'electron-stub')
fs.mkdirSync(stub)
// electron-builder copies this folder as the unpacked Electron and renames `electron` to the product
fs.writeFileSync(
  path.join(stub, 'electron'),
  '#!/bin/sh\necho "stub Electron: packing check only" >&2\nexit 1\n',
  {
    mode: 0o755,
  },
)
const output = path.join(work, 'dist')
const builder = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/electron-builder/cli.js'),
    '--linux',
    'dir',
    `-c.electronDist=${stub}`,
    // better-sqlite3 is rebuilt for Electron by `npm run rebuild:electron` before a release; packing
    // here must not download Electron's headers
    '-c.npmRebuild=false',
    `-c.directories.output=${output}`,
  ],
  { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
)
if (builder.status !== 0) {
  console.error(builder.stdout, builder.stderr)
  console.error('check-package: electron-builder failed')
  process.exit(1)
}

const resources = path.join(output, 'linux-unpacked', 'resources')
const archive = path.join(resources, 'app.asar')
const unpackedDir = path.join(resources, 'app.asar.unpacked')

/** Every file and folder of the app, as paths from its root (`/out/main/index.js`), and which are unpacked. */
const packed = new Set(asar.listPackage(archive).map((p) => p.split(path.sep).join('/')))
const unpacked = new Set()
function walk(dir, rel) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = `${rel}/${entry.name}`
    unpacked.add(p)
    if (entry.isDirectory()) walk(path.join(dir, entry.name), p)
  }
}
if (fs.existsSync(unpackedDir)) walk(unpackedDir, '')
const exists = (p) => packed.has(p) || unpacked.has(p)
const read = (p) =>
  unpacked.has(p)
    ? fs.readFileSync(path.join(unpackedDir, p))
    : asar.extractFile(archive, p.slice(1).split('/').join(path.sep))

const failures = []
let checks = 0
function check(ok, what) {
  checks++
  if (!ok) failures.push(what)
}

// the window's page and preload, where app/index.ts looks for them (beside out/main)
check(exists('/out/renderer/index.html'), 'the page out/renderer/index.html')
if (exists('/out/renderer/index.html')) {
  const html = read('/out/renderer/index.html').toString('utf8')
  const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => `/out/renderer/${m[1]}`)
  check(assets.length > 0, 'the page names its script and style')
  for (const a of assets) check(exists(a), `the page's asset ${a}`)
}
check(exists('/out/preload/index.cjs'), 'the preload script out/preload/index.cjs')

// main and the read worker (read-worker.js beside main's index.js, read from inside the archive),
// each module they require and, as Node would resolve them, each dependency of those
const requiresOf = (file) =>
  [
    ...read(file)
      .toString('utf8')
      .matchAll(/require\("([^"]+)"\)/g),
  ].map((m) => m[1])
const packageName = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/')
const BUILT_IN = new Set(['electron'])

/** The folder of package `name` as Node finds it from `fromDir`, or null. */
function resolvePackage(fromDir, name) {
  for (let dir = fromDir; ; dir = path.posix.dirname(dir)) {
    const candidate = `${dir === '/' ? '' : dir}/node_modules/${name}`
    if (exists(`${candidate}/package.json`)) return candidate
    if (dir === '/') return null
  }
}

const seenPackages = new Set()
function checkPackage(fromDir, name, requiredBy) {
  const dir = resolvePackage(fromDir, name)
  check(dir !== null, `${name}, required by ${requiredBy}`)
  if (dir === null || seenPackages.has(dir)) return
  seenPackages.add(dir)
  const manifest = JSON.parse(read(`${dir}/package.json`).toString('utf8'))
  const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}))
  for (const dep of Object.keys(manifest.dependencies ?? {}))
    if (!optional.has(dep)) checkPackage(dir, dep, name)
}

const entries = ['/out/main/index.js', '/out/main/read-worker.js']
check(exists('/out/main/read-worker.js'), 'the read worker out/main/read-worker.js beside main')
const files = new Set()
const queue = entries.filter(exists)
while (queue.length > 0) {
  const file = queue.pop()
  if (files.has(file)) continue
  files.add(file)
  for (const spec of requiresOf(file)) {
    if (spec.startsWith('node:') || BUILT_IN.has(spec)) continue
    if (spec.startsWith('.')) {
      const target = path.posix.join(path.posix.dirname(file), spec)
      check(exists(target), `${target}, required by ${file}`)
      if (exists(target)) queue.push(target)
    } else checkPackage(path.posix.dirname(file), packageName(spec), file)
  }
}

// the native module, outside the archive
check(unpacked.has('/node_modules/better-sqlite3/package.json'), 'better-sqlite3 unpacked from the archive')
check(
  unpacked.has('/node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
  'the native module better-sqlite3/build/Release/better_sqlite3.node, unpacked',
)

// the template packs, where template-source.ts looks for them (templates/ two levels above out/main)
const packs = fs
  .readdirSync(path.join(root, 'templates'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, 'templates', d.name, 'manifest.json')))
check(packs.length > 0, 'a template pack in the repository')
for (const pack of packs) {
  const manifestPath = `/templates/${pack.name}/manifest.json`
  check(exists(manifestPath), `the template pack ${pack.name}`)
  if (!exists(manifestPath)) continue
  const manifest = JSON.parse(read(manifestPath).toString('utf8'))
  for (const file of Object.values(manifest.files ?? {}))
    check(exists(`/templates/${pack.name}/${file}`), `${file} of the template pack ${pack.name}`)
}

const seconds = ((Date.now() - started) / 1000).toFixed(1)
console.log(
  `check-package: ${packed.size} entries in app.asar, ${unpacked.size} unpacked; ${seenPackages.size} packages resolved; ${checks} checks in ${seconds} s`,
)
if (keep) console.log(`check-package: the packed application is in ${path.join(output, 'linux-unpacked')}`)
else fs.rmSync(work, { recursive: true, force: true })
if (failures.length > 0) {
  console.error(`check-package: ${failures.length} missing:\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
console.log('check-package: everything the main process loads is in place')
