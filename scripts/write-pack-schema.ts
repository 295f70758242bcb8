// Writes the JSON Schema of the pack files into docs/pack-schema/, from the zod schema (run after a
// change to src-main/core/template/pack-schema.ts; test/unit/pack-json-schema.test.ts says when).
//   npx tsx scripts/write-pack-schema.ts
import fs from 'node:fs'
import path from 'node:path'
import { packJsonSchemaFiles } from '../src-main/core/template/pack-json-schema'

const dir = path.resolve(__dirname, '..', 'docs', 'pack-schema')
fs.mkdirSync(dir, { recursive: true })
for (const [name, text] of Object.entries(packJsonSchemaFiles())) {
  fs.writeFileSync(path.join(dir, name), text)
  console.log(`docs/pack-schema/${name}`)
}
