// Files over HTTP as an attacker with the token would try them: no call takes a path of the
// server's disk (to read, to probe or to write), files come by upload, streamed to disk, and any
// name a browser may send (`..`, `CON.xlsx`, 189 Vietnamese letters, right-to-left and zero-width
// marks) is stored and exported under a name every system accepts; one file over the size limit
// fails alone and its batch goes on.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SheafHttpServer } from '../../src-main/http'
import { startHttpServer } from '../../src-main/http'
import type { ExportResult, ImportResult } from '../../src-main/shared/api-types'
import { utf8Bytes } from '../../src-main/services/file-name'
import { loadTestPack } from '../helpers/load-test-pack'
import { nextServerEvent } from '../helpers/server-events'
import type { SampleSeason } from '../e2e/sample-season'
import { writeSampleSeason } from '../e2e/sample-season'

const PERIOD = '2025-Y'
// a commune's name as clerks write it, repeated to the 189 characters that stopped `sheaf feedback`
const LONG = 'Báo cáo công tác trẻ em năm 2025 của Ủy ban nhân dân xã Tam Đường huyện Tam Đường '
  .repeat(3)
  .slice(0, 189)

let tmp: string
let server: SheafHttpServer
let season: SampleSeason
let maxUpload: number

type Reply<T> = { ok: boolean; value: T; error?: { code: string; message: { vi: string; en: string } } }

const headers = (type = 'application/json') => ({
  'content-type': type,
  origin: server.origin.replace(/\/$/, ''),
  authorization: `Bearer ${server.token}`,
})

async function call<T = unknown>(channel: string, body: unknown): Promise<Reply<T>> {
  const res = await fetch(`${server.origin}api/${channel}`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify(body),
  })
  return (await res.json()) as Reply<T>
}

async function upload(name: string, bytes: Uint8Array): Promise<{ kind: 'held'; id: string }> {
  const res = await fetch(`${server.origin}upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: headers('application/octet-stream'),
    body: bytes,
  })
  const reply = (await res.json()) as Reply<{ id: string }>
  expect(reply.ok).toBe(true)
  return { kind: 'held', id: reply.value.id }
}

/** the results of the next batch to finish, read from the event stream as the page reads it */
async function importFinished(): Promise<{ results: Promise<ImportResult[]> }> {
  const { event } = await nextServerEvent(server, (e) => e.type === 'import.finished')
  return { results: event.then((e) => [...e.results]) }
}

/** what every name Sheaf writes must be */
function expectSafeName(name: string): void {
  expect(utf8Bytes(name), name).toBeLessThanOrEqual(255 - 14)
  expect(name).not.toMatch(/^\.\.?$/)
  expect(name).not.toMatch(/[\u0000-\u001f\u200b-\u200f\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/)
  expect(name.split('.')[0]?.toUpperCase()).not.toMatch(/^(CON|PRN|AUX|NUL|COM\d|LPT\d)$/)
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-http-files-'))
  season = await writeSampleSeason(loadTestPack(), path.join(tmp, 'in'), PERIOD)
  maxUpload = Math.max(...season.files.map((f) => fs.statSync(f).size)) + 1024
  server = await startHttpServer({
    port: 0,
    db: path.join(tmp, 'sheaf.sqlite'),
    dataDir: path.join(tmp, 'data'),
    maxUploadBytes: maxUpload,
  })
  expect((await call('period.create', { id: PERIOD, templateId: 'child-work-2025' })).ok).toBe(true)
})

afterAll(async () => {
  await server?.close()
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
})

describe('paths of the server over HTTP', () => {
  it('are refused to read, probe or store a file', async () => {
    const secret = path.join(tmp, 'secret.csv')
    fs.writeFileSync(secret, 'code,name,kind,dept,aliases\n99999,Bí mật,xa,,\n', { mode: 0o600 })
    const listed = await call('units.import', { period: PERIOD, file: { kind: 'path', path: secret } })
    expect(listed.ok).toBe(false)
    expect(listed.error?.code).toBe('bad_request')
    const probe = await call('units.import', { period: PERIOD, file: { kind: 'path', path: '/nonexistent' } })
    // the same answer whether the path exists or not: nothing is told about the disk
    expect(probe.error).toEqual(listed.error)
    const imported = await call('import.start', { period: PERIOD, files: [{ kind: 'path', path: secret }] })
    expect(imported.error?.code).toBe('bad_request')
    // an id the server never gave is not found, whatever it looks like
    const guessed = await call('import.start', { period: PERIOD, files: [{ kind: 'held', id: secret }] })
    expect(guessed.ok).toBe(true)
    expect(fs.existsSync(path.join(tmp, 'data', 'files'))).toBe(false)
  })

  it('are never a place to write: exports go under the data folder, to be downloaded', async () => {
    const outside = path.join(tmp, 'outside', 'report.xlsx')
    const missing = await call<ExportResult>('status.exportMissing', { period: PERIOD, path: outside })
    expect(missing.ok).toBe(true)
    expect(fs.existsSync(path.dirname(outside))).toBe(false)
    expect(missing.value.files[0]?.name).toBe(`don-vi-chua-nop-${PERIOD}.xlsx`)
    // and the reply tells nothing of the server's disk
    // under the season: its form, then its period
    expect(missing.value.folder).toBe(`exports/child-work-2025/${PERIOD}`)
    expect(JSON.stringify(missing.value)).not.toContain(tmp)
    expect(JSON.stringify((await call('app.info', {})).value)).not.toContain(tmp)
    for (const [channel, body] of [
      ['status.exportMissing', { period: PERIOD, target: outside }],
      ['export.report', { period: PERIOD, target: outside }],
      ['export.feedback', { period: PERIOD, folder: path.dirname(outside) }],
    ] as const) {
      const r = await call(channel, body)
      expect(r.error?.code, channel).toBe('not_found')
    }
    expect(fs.existsSync(path.dirname(outside))).toBe(false)
  })
})

describe('uploads with hostile names', () => {
  it('are each stored under a safe name, and one over the limit fails alone', async () => {
    const units = await upload('don-vi.csv', fs.readFileSync(season.unitsCsv))
    expect((await call('units.import', { period: PERIOD, file: units })).ok).toBe(true)

    const names = ['..', `${LONG}.xlsx`, 'CON.xlsx', 'bao\u202Ecao\u200B-xa.xlsx']
    const brokenIndex = season.files.findIndex((f) => path.basename(f).includes(season.brokenUnit))
    expect(brokenIndex).toBeGreaterThanOrEqual(0)
    // the unit whose file has errors (and so gets feedback) sends it under the long name
    const order = season.files.map((_, i) => (i === brokenIndex ? 1 : i === 1 ? brokenIndex : i))
    const files = []
    for (const [i, file] of season.files.entries())
      files.push(await upload(names[order[i] as number] ?? `f${i}.xlsx`, fs.readFileSync(file)))
    files.push(await upload('qua-lon.xlsx', new Uint8Array(maxUpload + 10_000)))

    const finished = await importFinished()
    const started = await call<{ total: number }>('import.start', { period: PERIOD, files })
    expect(started.value.total).toBe(season.files.length + 1)
    const results = await finished.results
    expect(results.length).toBe(season.files.length + 1)
    const big = results.find((r) => r.fileName === 'qua-lon.xlsx')
    expect(big?.status).toBe('rejected')
    expect(big?.firstProblem?.vi).toContain('quá lớn')
    const stored = results.filter((r) => r.submissionId !== null)
    expect(stored.length).toBe(season.files.length)
    for (const r of results) expectSafeName(r.fileName)
    const broken = stored.find((r) => r.unit === season.brokenUnit)
    expect(broken?.fileName).toMatch(/^Báo cáo công tác trẻ em/)
    expect(broken?.fileName.endsWith('.xlsx')).toBe(true)
    expect(stored.map((r) => r.fileName)).toContain('_CON.xlsx')
    expect(stored.map((r) => r.fileName)).toContain('baocao-xa.xlsx')
    expect(stored.map((r) => r.fileName)).toContain('tep')
    // the uploads were read and stored: nothing is left waiting on the disk
    expect(fs.readdirSync(path.join(tmp, 'data', 'uploads', 'incoming'))).toEqual([])

    const feedback = await call<ExportResult>('export.feedback', { period: PERIOD })
    expect(feedback.ok).toBe(true)
    const mine = feedback.value.files.find((f) => f.unit === season.brokenUnit)
    expect(mine?.name).toMatch(/^Báo cáo công tác trẻ em.*\.loi\.xlsx$/)
    for (const f of feedback.value.files) expectSafeName(f.name)
  })
})

describe('what the server writes', () => {
  it.skipIf(process.platform === 'win32')('is its owner’s only: folders 0700, files 0600', () => {
    const data = path.join(tmp, 'data')
    const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8)
    expect(mode(data)).toBe('700')
    expect(mode(path.join(tmp, 'sheaf.sqlite'))).toBe('600')
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name)
        return e.isDirectory() ? [p, ...walk(p)] : [p]
      })
    const all = walk(data)
    // received files, uploads, exports and feedback copies are all there by now
    expect(all.some((p) => p.includes(`${path.sep}files${path.sep}`))).toBe(true)
    expect(all.some((p) => p.endsWith('.loi.xlsx'))).toBe(true)
    expect(all.some((p) => p.endsWith(`don-vi-chua-nop-${PERIOD}.xlsx`))).toBe(true)
    for (const p of all)
      expect(`${path.relative(data, p)} ${mode(p)}`).toBe(
        `${path.relative(data, p)} ${fs.statSync(p).isDirectory() ? '700' : '600'}`,
      )
  })
})
