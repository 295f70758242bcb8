// The report's zip as another program checks it: Info-ZIP's `unzip -t` tests every entry's CRC and
// sizes, for whole parts and for a part given in chunks. Runs `unzip` (installed with the
// project's Debian packages and in CI); a machine without it skips these, visibly.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { zipFiles } from '../../src-main/services/zip-files'

const unzip = ['/usr/bin/unzip', '/bin/unzip'].find((p) => fs.existsSync(p))

const sheet = strToU8(
  Array.from({ length: 50_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join(
    '',
  ),
)
const noise = Uint8Array.from({ length: 100_000 }, (_, i) => (Math.imul(i + 7, 2654435761) >>> 24) & 0xff)

function infoZipTest(zip: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-files-'))
  try {
    const file = path.join(dir, 'parts.zip')
    fs.writeFileSync(file, zip)
    return execFileSync(unzip!, ['-t', file], { encoding: 'utf8' })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

describe.skipIf(!unzip)('zipFiles, checked by Info-ZIP', () => {
  it('passes its integrity test, which checks every CRC', () => {
    const zip = zipFiles({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
      'xl/empty.xml': new Uint8Array(),
      'tiny.txt': strToU8('x'),
      'xl/worksheets/sheet1.xml': sheet,
      'xl/media/noise.bin': noise,
      'Nguồn số liệu.txt': strToU8('tên có dấu'),
    })
    const out = infoZipTest(zip)
    expect(out).toMatch(/No errors detected/)
    expect(out).toContain('xl/worksheets/sheet1.xml')
  })

  it('passes it for a part given in chunks, joined end to end', () => {
    const chunks = [sheet.subarray(0, 1000), sheet.subarray(1000, 1000), sheet.subarray(1000)]
    const out = infoZipTest(zipFiles({ 'a.txt': strToU8('x'), 'xl/worksheets/sheet1.xml': chunks }))
    expect(out).toMatch(/No errors detected/)
  })
})
