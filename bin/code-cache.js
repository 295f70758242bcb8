// A V8 code cache for Sheaf's own bundles, as Node 22's `module.enableCompileCache()` keeps one:
// compiling the command's ~2 MB of JavaScript (and each function on its first call) is a tenth of a
// province's run; a read worker compiles its own bundle again (out/cli/read-worker.cjs installs this
// hook in its thread). The first run compiles as usual and, as it ends, saves the bytecode V8 made (the
// functions it ran included); later runs start from it. A cache is keyed by the bundle's content,
// Node's version and the CPU, and V8 checks it again; one it refuses is made anew. Nothing here may
// stop the command: a cache that cannot be read or written is simply not used.
'use strict'
const Module = require('node:module')
const vm = require('node:vm')
const fs = require('node:fs')
const path = require('node:path')
const crypto = require('node:crypto')
const { isMainThread, threadId } = require('node:worker_threads')

const CACHE_DIR = '.code-cache'
/** the shortest run (ms since the process started) whose compiled code is worth keeping */
const MIN_RUN_MS = Number(process.env.SHEAF_CODE_CACHE_MIN_MS ?? 300)

/** Where the cache of a bundle with this content lives: `<dir>/.code-cache/<name>.<key>.bin`. */
function cacheFile(dir, filename, content) {
  const key = crypto
    .createHash('sha256')
    .update(`${process.version} ${process.arch}\n`)
    .update(content)
    .digest('hex')
    .slice(0, 16)
  return path.join(dir, CACHE_DIR, `${path.basename(filename)}.${key}.bin`)
}

function readCache(file) {
  try {
    return fs.readFileSync(file)
  } catch {
    return undefined
  }
}

/** Writes a cache whole or not at all, and removes the caches of earlier builds of the same bundle. */
function writeCache(file, data) {
  try {
    const dir = path.dirname(file)
    fs.mkdirSync(dir, { recursive: true })
    // two read workers of one process may save the same cache at once
    const tmp = `${file}.${process.pid}-${threadId}.tmp`
    fs.writeFileSync(tmp, data)
    fs.renameSync(tmp, file)
    const prefix = path.basename(file).replace(/\.[0-9a-f]{16}\.bin$/, '.')
    for (const other of fs.readdirSync(dir))
      if (other.startsWith(prefix) && other !== path.basename(file) && other.endsWith('.bin'))
        fs.rmSync(path.join(dir, other), { force: true })
  } catch {
    // a read-only installation: no cache
  }
}

/** The `require` a CommonJS module gets, for a module compiled here. */
function requireFor(mod) {
  const req = (id) => mod.require(id)
  req.resolve = (request, options) => Module._resolveFilename(request, mod, false, options)
  req.main = require.main
  req.cache = Module._cache
  req.extensions = Module._extensions
  return req
}

let installed = false
/** what this process did: bundles compiled from a cache, and caches it will save */
const counts = { used: 0, made: 0 }

/**
 * Compiles the CommonJS files directly in `dir` (the bundles) with a code cache from then on; the
 * caches missing at start are saved when the process exits, or, in a worker thread (a read worker,
 * whose pool ends it without an `exit` event), at its first pause once it has run `MIN_RUN_MS`.
 */
function install(dir) {
  if (installed) return
  installed = true
  const root = path.resolve(dir)
  const toSave = []
  const compile = Module.prototype._compile
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (path.dirname(filename) !== root) return compile.call(this, content, filename)
    const file = cacheFile(root, filename, content)
    const cachedData = readCache(file)
    const script = new vm.Script(Module.wrap(content), {
      filename,
      ...(cachedData ? { cachedData } : {}),
    })
    if (!cachedData || script.cachedDataRejected) {
      toSave.push({ script, file })
      counts.made++
    } else counts.used++
    const fn = script.runInThisContext({ displayErrors: true })
    return fn.call(this.exports, this.exports, requireFor(this), this, filename, root)
  }
  const save = () => {
    // a cache holds the functions the run compiled: a run too short to do real work (`--help`, an
    // error in the arguments) would leave a poor one in the way of a better
    if (performance.now() < MIN_RUN_MS) return
    for (const { script, file } of toSave) writeCache(file, script.createCachedData())
  }
  if (isMainThread) process.once('exit', save)
  else {
    // a thread's timer runs when the thread waits for its next message, not in the middle of a file;
    // saved again later, with the functions a longer batch went on to compile
    setTimeout(save, MIN_RUN_MS).unref()
    setTimeout(save, 10 * MIN_RUN_MS).unref()
  }
}

/** How many bundles this process compiled from a cache, and how many caches it saves as it ends. */
function stats() {
  return { ...counts }
}

module.exports = { install, stats }
