// Bundles the `sheaf` command into out/cli/sheaf.cjs with esbuild (run by `npm install` through
// `prepare`), so that `npx sheaf` starts fast under plain Node. better-sqlite3 stays external.
import { build } from 'esbuild'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
await build({
  entryPoints: {
    sheaf: path.join(root, 'src-main/cli/sheaf.ts'),
    // the read pool's worker thread, found beside the bundle (src-main/services/read-pool/read-pool.ts)
    'read-worker': path.join(root, 'src-main/services/read-pool/read-worker.ts'),
  },
  outdir: path.join(root, 'out/cli'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['better-sqlite3', 'electron'],
  logLevel: 'warning',
})
