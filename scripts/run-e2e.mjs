// Runs the end-to-end tests: builds the interface first when out/renderer is missing or older than
// its sources, then vitest with the e2e configuration. Never downloads a browser: it uses
// /usr/bin/chromium (apt-get install chromium) or CHROMIUM_PATH.
import { execSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const index = path.join(root, 'out/renderer/index.html')

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

const sources = Math.max(
  newestMtime(path.join(root, 'src-renderer')),
  newestMtime(path.join(root, 'src-main/shared')),
)
if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < sources || process.argv.includes('--build')) {
  console.log('Building the interface (electron-vite build)…')
  execSync('npx electron-vite build', { cwd: root, stdio: 'inherit' })
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!fs.existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH.`)
  // On a developer's machine without Chromium the rest of `npm test` still counts; CI must run them.
  process.exit(process.env.CI ? 1 : 0)
}

const extra = process.argv.slice(2).filter((a) => a !== '--build')
const r = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...extra], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
})
process.exit(r.status ?? 1)
