// Bundles the `sheaf` command into out/cli/sheaf.cjs with esbuild (run by `npm install` through
// `prepare`), so that `npx sheaf` starts fast under plain Node. better-sqlite3 stays external.
// The large libraries only some commands use (SheetJS, ExcelJS, iconv-lite) are bundled into files of
// their own, loaded on first use: `sheaf --help` or a validate does not parse megabytes it never runs.
import { build } from 'esbuild'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outdir = path.join(root, 'out/cli')
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['better-sqlite3', 'electron'],
  logLevel: 'warning',
}

// package → the file it is bundled into, beside sheaf.cjs
const LAZY = {
  '@e965/xlsx': 'lazy-xlsx.cjs',
  exceljs: 'lazy-exceljs.cjs',
  'iconv-lite': 'lazy-iconv-lite.cjs',
}

// Each library bundled exactly as an import of it in the sources resolves (SheetJS: its ESM build),
// default export included.
for (const [pkg, file] of Object.entries(LAZY)) {
  await build({
    ...common,
    stdin: {
      contents: `export * from ${JSON.stringify(pkg)}\nexport { default } from ${JSON.stringify(pkg)}\n`,
      resolveDir: root,
      sourcefile: `lazy-${pkg}.js`,
    },
    outfile: path.join(outdir, file),
  })
}

// What the bundles import instead: a stand-in whose keys (and `__esModule`) are known from the build,
// so that esbuild's interop can list them without loading the library, which the first property
// read then loads.
function lazyModule(pkg, file) {
  const real = createRequire(import.meta.url)(path.join(outdir, file))
  const keys = Object.getOwnPropertyNames(real).filter((k) => k !== '__esModule')
  const hidden = keys.filter((k) => !Object.getOwnPropertyDescriptor(real, k)?.enumerable)
  return `'use strict'
const keys = ${JSON.stringify(keys)}
const hidden = new Set(${JSON.stringify(hidden)})
let real
const load = () => (real ??= require(require('node:path').join(__dirname, ${JSON.stringify(file)})))
module.exports = new Proxy({}, {
  get: (_, k) => (k === '__esModule' ? ${JSON.stringify(Boolean(real.__esModule))} : load()[k]),
  has: (_, k) => k in load(),
  ownKeys: () => [...keys],
  getOwnPropertyDescriptor: (_, k) =>
    keys.includes(k) ? { configurable: true, enumerable: !hidden.has(k), get: () => load()[k] } : undefined,
})
`
}

const lazyPlugin = {
  name: 'lazy-libraries',
  setup(b) {
    const filter = new RegExp(
      `^(${Object.keys(LAZY)
        .map((k) => k.replace(/[/@.-]/g, '\\$&'))
        .join('|')})$`,
    )
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy' }))
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: lazyModule(args.path, LAZY[args.path]),
      loader: 'js',
    }))
  },
}

await build({
  ...common,
  entryPoints: {
    sheaf: path.join(root, 'src-main/cli/sheaf.ts'),
    // the read pool's worker thread, started through read-worker.cjs (below)
    'read-worker-bundle': path.join(root, 'src-main/services/read-pool/read-worker.ts'),
  },
  outdir,
  outExtension: { '.js': '.cjs' },
  plugins: [lazyPlugin],
})

// The worker's script, found beside the bundle (src-main/services/read-pool/read-pool.ts): its bundle
// compiled with the command's code cache, as bin/sheaf.js has the main thread's compiled (a worker
// compiles its code anew, and each function on its first call, in the first files of every batch).
fs.writeFileSync(
  path.join(outdir, 'read-worker.cjs'),
  `'use strict'
// The read worker: ./read-worker-bundle.cjs, compiled with bin/code-cache.js (SHEAF_CODE_CACHE=0: without).
if (process.env.SHEAF_CODE_CACHE !== '0') {
  try {
    require('../../bin/code-cache.js').install(__dirname)
  } catch {
    // the bundle moved away from the command: no cache
  }
}
require('./read-worker-bundle.cjs')
`,
)
if (!fs.existsSync(path.join(outdir, 'sheaf.cjs'))) throw new Error('no bundle')
