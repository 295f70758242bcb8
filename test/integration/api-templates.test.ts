// Thêm mẫu biểu through the API: a pack's files (uploaded or picked, by id) checked and copied into
// the data folder, then a form to make seasons with; a broken pack refused with its mistakes in both
// languages; a broken pack folder listed with its mistakes, never hidden.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppInfo } from '../../src-main/shared/api-types'
import type { ApiResponse } from '../../src-main/shared/api-contract'
import type { SheafApi } from '../../src-main/services/api/create-api'
import { createApi } from '../../src-main/services/api/create-api'
import type { ApiReply, Channel } from '../../src-main/shared/api-contract'
import { shippedPackFiles } from '../helpers/load-test-pack'

let tmp: string
let api: SheafApi
let dataDir: string

async function call<T>(channel: Channel, request: unknown): Promise<T> {
  const r = (await api.router.dispatch(channel, request)) as ApiReply<T>
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message.en}`)
  return r.value
}

/** The shipped pack as another form (`id`), each file changed by `edit`, as uploads. */
function packUploads(id: string, edit: (name: string, text: string) => string = (_n, t) => t) {
  return Object.entries(shippedPackFiles()).map(([name, text]) => {
    const changed = edit(name, name === 'manifest.json' ? text.replace('"child-work-2025"', `"${id}"`) : text)
    return { kind: 'upload', name, dataBase64: Buffer.from(changed).toString('base64') }
  })
}

type Added = ApiResponse<'templates.add'>

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-api-templates-'))
  dataDir = path.join(tmp, 'data')
  api = createApi({ dbPath: path.join(tmp, 'sheaf.sqlite'), dataDir, transport: 'http' })
})
afterAll(() => {
  api.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('templates.add', () => {
  it('checks a pack, copies it into the data folder and lists it as a form to make a season with', async () => {
    const r = await call<Added>('templates.add', { files: packUploads('mau-them-thu-2025') })
    expect(r.problems).toEqual([])
    expect(r.added).toMatchObject({ id: 'mau-them-thu-2025', source: 'added', version: 'TE-2025.1' })
    expect(fs.readdirSync(path.join(dataDir, 'templates', 'mau-them-thu-2025')).sort()).toEqual([
      'indicators.csv',
      'layout.json',
      'manifest.json',
      'rules.csv',
    ])
    const info = await call<AppInfo>('app.info', {})
    const listed = info.templates.map((t) => [t.id, t.source])
    expect(listed).toContainEqual(['child-work-2025', 'shipped'])
    expect(listed.at(-1)).toEqual(['mau-them-thu-2025', 'added'])
    const season = await call<{ templateId: string; created: boolean }>('period.create', {
      id: '2025-Y',
      templateId: 'mau-them-thu-2025',
    })
    expect(season).toMatchObject({ templateId: 'mau-them-thu-2025', created: true })
    // added again (a corrected pack): replaced, still one form
    const again = await call<Added>('templates.add', { files: packUploads('mau-them-thu-2025') })
    expect(again.replaced).toBe(true)
    const ids = (await call<AppInfo>('app.info', {})).templates.map((t) => t.id)
    expect(ids.filter((id) => id === 'mau-them-thu-2025')).toHaveLength(1)
  })

  it('refuses a pack that fails the check, with every mistake in both languages, and copies nothing', async () => {
    const r = await call<Added>('templates.add', {
      files: packUploads('mau-loi-2025', (name, text) =>
        name === 'rules.csv'
          ? text.replace('V08h,error,TE.0101a,=,TE.0101.age_0_6,', 'V08h,error,TE.0101a,=,TE.0101a.age_0_6,')
          : text,
      ),
    })
    expect(r.added).toBeNull()
    expect(r.problems).toEqual([
      {
        vi: 'rules.csv › dòng 8 (V08h) › right: dòng TE.0101a không có cột age_0_6 (xem dims của nó): quy tắc không bao giờ được kiểm tra',
        en: 'rules.csv › line 8 (V08h) › right: row TE.0101a has no column age_0_6 (see its dims): the rule would never be checked',
      },
    ])
    expect(fs.existsSync(path.join(dataDir, 'templates', 'mau-loi-2025'))).toBe(false)
  })

  it('refuses a shipped form’s id, a folder without manifest.json, and file names with folders in them', async () => {
    const shipped = await call<Added>('templates.add', { files: packUploads('child-work-2025') })
    expect(shipped.problems[0]?.vi).toContain('đã có mẫu biểu "child-work-2025" đi kèm Sheaf')
    const noManifest = await call<Added>('templates.add', {
      files: packUploads('x').filter((f) => f.name !== 'manifest.json'),
    })
    expect(noManifest.problems[0]?.en).toMatch(/^manifest\.json: manifest\.json is missing/)
    const escaping = await call<Added>('templates.add', {
      files: packUploads('mau-thoat-2025', (name, text) =>
        name === 'manifest.json' ? text.replace('"rules": "rules.csv"', '"rules": "../../rules.csv"') : text,
      ).map((f) => (f.name === 'rules.csv' ? { ...f, name: '../../rules.csv' } : f)),
    })
    expect(escaping.added).toBeNull()
    expect(fs.existsSync(path.join(tmp, 'rules.csv'))).toBe(false)
    expect(fs.existsSync(path.join(dataDir, 'rules.csv'))).toBe(false)
  })
})

describe('app.info', () => {
  it('lists a broken pack folder of the data folder with its mistakes, and tells no server path', async () => {
    const dir = path.join(dataDir, 'templates', 'mau-hong')
    fs.mkdirSync(dir, { recursive: true })
    for (const [name, text] of Object.entries(shippedPackFiles()))
      fs.writeFileSync(
        path.join(dir, name),
        name === 'indicators.csv' ? text.replace(',ratio,T,', ',ratios,T,') : text,
      )
    const info = await call<AppInfo>('app.info', {})
    expect(info.brokenTemplates.map((b) => [b.folder, b.source, b.problems.length])).toEqual([
      ['mau-hong', 'added', 1],
    ])
    const [mistake] = info.brokenTemplates[0]?.problems ?? []
    expect(mistake?.vi).toMatch(
      /^indicators\.csv › dòng 5 \(TE\.0102\) › kind: giá trị không hợp lệ, phải là một trong "section", "count"/,
    )
    expect(mistake?.en).toMatch(
      /^indicators\.csv › line 5 \(TE\.0102\) › kind: invalid value, must be one of "section", "count"/,
    )
    // the valid forms are still there to choose
    expect(info.templates.map((t) => t.id)).toEqual(
      expect.arrayContaining(['child-work-2025', 'mau-them-thu-2025']),
    )
    expect(JSON.stringify(info)).not.toContain(tmp)
  })
})
