// Cheap guards that lint does not cover: no `.only(` left in tests, no console.log in core.
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const problems = []
function walk(dir, visit) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue
    const p = path.join(dir, e.name)
    if (e.isDirectory()) walk(p, visit)
    else visit(p)
  }
}
walk(path.join(root, 'test'), (p) => {
  if (!/\.(ts|tsx|mjs|js)$/.test(p)) return
  const text = fs.readFileSync(p, 'utf8')
  if (/\b(it|describe|test)\.only\(/.test(text))
    problems.push(`${path.relative(root, p)}: .only( left in a test`)
})
walk(path.join(root, 'src-main', 'core'), (p) => {
  if (!/\.ts$/.test(p)) return
  if (/console\.log\(/.test(fs.readFileSync(p, 'utf8')))
    problems.push(`${path.relative(root, p)}: console.log in core`)
})
if (problems.length) {
  console.error(problems.join('\n'))
  process.exit(1)
}
console.log('guards: ok')
