// Refuses a zip that would inflate beyond reason before anything is inflated: a worker's heap limit
// does not bound the Buffers SheetJS inflates into, so a zip bomb must be stopped on its declared sizes.
// SheetJS trusts the local file header's sizes (or their ZIP64 extra field), so those are the ones
// checked, and a header that leaves the size to a data descriptor gets the central directory's size.
import type { Localized } from '../../shared/localized'
import { centralEnd, isLocalHeader, walkCentralDirectory, zip64Values } from '../zip/central-directory'

export type ZipLimits = Readonly<{
  /** the sum of the declared uncompressed sizes of all entries */
  maxTotalBytes: number
  /** an entry larger than this must not expand more than `maxRatio` times */
  ratioFromBytes: number
  maxRatio: number
  maxEntries: number
}>

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 200 * 1024 * 1024,
  ratioFromBytes: 10 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 10_000,
}

export type GuardRefusal = Readonly<{ reason: 'too-large' | 'damaged' | 'unsafe'; text: Localized }>

export type ZipVerdict =
  | Readonly<{ ok: true; bytes: Uint8Array; entries: readonly ZipEntry[] }>
  | Readonly<{ ok: false; refusal: GuardRefusal }>

export type ZipEntry = Readonly<{ name: string; method: number; compressed: number; size: number }>

const MB = 1024 * 1024
const mb = (n: number): string => (n / MB).toFixed(0)

const damaged = (en: string, vi: string): ZipVerdict => ({
  ok: false,
  refusal: {
    reason: 'damaged',
    text: { vi: `Tệp nén bị hỏng (${vi}).`, en: `The zip container is damaged (${en}).` },
  },
})

const bomb = (vi: string, en: string): ZipVerdict => ({
  ok: false,
  refusal: {
    reason: 'unsafe',
    text: {
      vi: `Tệp bị từ chối vì có thể làm treo máy: ${vi}.`,
      en: `The file is refused because it could bring the computer down: ${en}.`,
    },
  },
})

export function guardZip(input: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipVerdict {
  let bytes = input
  const end = centralEnd(input)
  if (end === null) return damaged('no central directory', 'không có thư mục trung tâm')
  const count = end.count
  if (count > limits.maxEntries) return bomb(`${count} mục trong tệp nén`, `${count} entries in the archive`)
  const entries: ZipEntry[] = []
  let total = 0
  let patched: Uint8Array | null = null
  let refusal: ZipVerdict | null = null
  const decoder = new TextDecoder()
  const whole = walkCentralDirectory(input, end, (r, view) => {
    const method = r.method
    // the central record's sizes, from its ZIP64 field where they are full (walkCentralDirectory)
    const cdCompressed = r.csize
    const cdSize = r.usize
    const local = r.localOffset
    const name = decoder.decode(input.subarray(r.nameStart, r.nameStart + r.nameLength))
    // SheetJS overrides with the central ZIP64 field whenever it holds a size, whatever the 32-bit value
    const [cdAnySize, cdAnyCompressed] = zip64Values(view, r.extraStart, r.extraStart + r.extraLength, [
      true,
      true,
    ])

    if (!isLocalHeader(view, local)) {
      refusal = damaged(`entry ${name} points outside the file`, `mục ${name} trỏ ra ngoài tệp`)
      return false
    }
    const flags = view.getUint16(local + 6, true)
    let size = view.getUint32(local + 22, true)
    let compressed = view.getUint32(local + 18, true)
    const lnl = view.getUint16(local + 26, true)
    const lxl = view.getUint16(local + 28, true)
    const [localSize, localCompressed] = zip64Values(view, local + 30 + lnl, local + 30 + lnl + lxl, [
      true,
      true,
    ])
    if (localSize) size = localSize
    if (localCompressed) compressed = localCompressed
    if (cdAnySize) size = cdAnySize
    if (cdAnyCompressed) compressed = cdAnyCompressed

    if (method === 8 && size === 0 && (flags & 0x08) !== 0 && cdSize > 0) {
      // The size is in a data descriptor after the data: SheetJS would grow its buffer without bound,
      // so the central directory's size is written into a copy of the local header as the bound.
      if (cdSize > 0xfffffffe) {
        refusal = bomb(`mục ${name} quá lớn`, `entry ${name} is too large`)
        return false
      }
      patched ??= input.slice()
      new DataView(patched.buffer, patched.byteOffset, patched.byteLength).setUint32(local + 22, cdSize, true)
      size = cdSize
    }
    if (method === 8 && size === 0 && cdCompressed > 64) {
      refusal = bomb(`mục ${name} không khai báo kích thước`, `entry ${name} does not declare its size`)
      return false
    }
    if (method !== 0 && method !== 8) {
      refusal = damaged(
        `entry ${name} uses compression method ${method}`,
        `mục ${name} dùng kiểu nén ${method}`,
      )
      return false
    }

    const effective = Math.max(size, cdSize)
    total += effective
    if (total > limits.maxTotalBytes) {
      refusal = bomb(
        `khi giải nén sẽ lớn hơn ${mb(limits.maxTotalBytes)} MB`,
        `it would inflate to more than ${mb(limits.maxTotalBytes)} MB`,
      )
      return false
    }
    const packed = Math.max(1, Math.min(compressed, cdCompressed) || Math.max(compressed, cdCompressed))
    if (effective > limits.ratioFromBytes && effective / packed > limits.maxRatio) {
      refusal = bomb(
        `mục ${name} nén ${Math.round(effective / packed)} lần (${mb(effective)} MB)`,
        `entry ${name} is compressed ${Math.round(effective / packed)} times (${mb(effective)} MB)`,
      )
      return false
    }
    entries.push({ name, method, compressed: packed, size: effective })
    return true
  })
  if (refusal !== null) return refusal
  if (!whole) return damaged('broken central directory', 'thư mục trung tâm hỏng')
  if (patched) bytes = patched
  return { ok: true, bytes, entries }
}
