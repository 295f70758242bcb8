// The JSON Schema of a pack's files, generated from the zod schema that loads them (pack-schema.ts),
// so that an editor can check manifest.json and layout.json as they are typed and the CSV rows have a
// written shape. `npx tsx scripts/write-pack-schema.ts` writes them into docs/pack-schema/; a test
// holds the committed files equal to what the schema generates.
import { z } from 'zod'
import { indicatorRowSchema, layoutSchema, manifestSchema, ruleRowSchema } from './pack-schema'

const BASE = 'https://sheaf.invalid/pack-schema/'

const FILES = [
  {
    file: 'manifest.schema.json',
    schema: manifestSchema,
    title: 'manifest.json of a Sheaf template pack',
    description:
      'The form: its id, version, years, name, ministry, dispatch, format version, and the names of the other files.',
  },
  {
    file: 'layout.schema.json',
    schema: layoutSchema,
    title: 'layout.json of a Sheaf template pack',
    description:
      'How the form looks: sheets, Thong tin fields, periods, header and signature blocks, columns, guide, departments.',
  },
  {
    file: 'indicators-row.schema.json',
    schema: indicatorRowSchema,
    title: 'One row of indicators.csv (every field a text, as CSV gives it)',
    description: 'The columns of indicators.csv, by their header names; an empty field is no value.',
  },
  {
    file: 'rules-row.schema.json',
    schema: ruleRowSchema,
    title: 'One row of rules.csv (every field a text, as CSV gives it)',
    description: 'The columns of rules.csv, by their header names.',
  },
] as const

/** Each file of docs/pack-schema/ by name, as the text it must hold. */
export function packJsonSchemaFiles(): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of FILES) {
    // `input`: what a person writes (defaults may be left out), not what the loader makes of it
    const generated = z.toJSONSchema(f.schema, { io: 'input', unrepresentable: 'any' })
    const doc = { ...generated, $id: `${BASE}${f.file}`, title: f.title, description: f.description }
    out[f.file] = `${JSON.stringify(doc, null, 2)}\n`
  }
  return out
}
