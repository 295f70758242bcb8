// The Workbook stream of an OLE compound file (.xls), taken through the container's sector tables
// (FAT, DIFAT, miniFAT) for the fast .xls reader. Only the plain case is read: one `Workbook` stream at
// the root and no other stream or storage SheetJS would look for instead (`Book` of BIFF5, an
// `encryption` stream, a second Workbook inside an embedded object); anything else, or any table that
// points outside the file or loops, throws Unsupported and the file goes to SheetJS.
import { Unsupported } from '../../zip/zip-index'

const END_OF_CHAIN = 0xfffffffe
const FREE = 0xffffffff
const NO_STREAM = 0xffffffff
const DIR_ENTRY = 128
const MINI_SECTOR = 64
const MINI_CUTOFF = 4096

type DirEntry = Readonly<{
  name: string
  type: number
  left: number
  right: number
  child: number
  start: number
  size: number
}>

/** The bytes of the root-level `Workbook` stream, exactly its declared size. */
export function workbookStream(b: Uint8Array): Uint8Array {
  if (b.length < 512) throw new Unsupported('cfb: truncated')
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const u32 = (at: number): number => {
    if (at < 0 || at + 4 > b.length) throw new Unsupported('cfb: read past the end')
    return view.getUint32(at, true)
  }
  if (view.getUint16(0x1c, true) !== 0xfffe) throw new Unsupported('cfb: byte order')
  const shift = view.getUint16(0x1e, true)
  if (shift !== 9 && shift !== 12) throw new Unsupported('cfb: sector size')
  if (view.getUint16(0x20, true) !== 6) throw new Unsupported('cfb: mini sector size')
  if (u32(0x38) !== MINI_CUTOFF) throw new Unsupported('cfb: mini stream cutoff')
  const sector = 1 << shift
  const sectors =
    Math.floor((b.length - sector) / sector) + (b.length % sector > 0 && b.length > sector ? 1 : 0)
  const offsetOf = (id: number): number => {
    if (id >= sectors) throw new Unsupported('cfb: sector outside the file')
    return (id + 1) * sector
  }
  const perSector = sector / 4

  // the FAT's own sectors: 109 in the header, the rest along the DIFAT chain
  const fatCount = u32(0x2c)
  if (fatCount === 0 || fatCount > sectors) throw new Unsupported('cfb: FAT size')
  const fatSectors: number[] = []
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(u32(0x4c + i * 4))
  let difat = u32(0x44)
  let difatLeft = u32(0x48)
  while (fatSectors.length < fatCount) {
    if (difat === END_OF_CHAIN || difat === FREE || difatLeft-- <= 0) throw new Unsupported('cfb: DIFAT')
    const at = offsetOf(difat)
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) fatSectors.push(u32(at + i * 4))
    difat = u32(at + (perSector - 1) * 4)
  }
  const fat = new Uint32Array(fatCount * perSector)
  for (let s = 0; s < fatCount; s++) {
    const at = offsetOf(fatSectors[s]!)
    for (let i = 0; i < perSector; i++) fat[s * perSector + i] = u32(at + i * 4)
  }

  /** A chain of sectors from `start`, as the sectors' ids; throws on a loop or a link outside the table. */
  const chain = (table: Uint32Array, start: number, limit: number): number[] => {
    const out: number[] = []
    let id = start
    while (id !== END_OF_CHAIN) {
      if (id >= table.length || out.length >= limit) throw new Unsupported('cfb: broken chain')
      out.push(id)
      id = table[id]!
    }
    return out
  }
  /** A stream's bytes: the file's own when its sectors follow one another, else gathered run by run. */
  const regular = (start: number, size: number): Uint8Array => {
    const ids = chain(fat, start, sectors)
    if (ids.length * sector < size) throw new Unsupported('cfb: stream shorter than declared')
    // the runs of consecutive sectors, each as [where it starts in the file, how many bytes it gives]
    const runs: number[] = []
    for (let i = 0, pos = 0; pos < size; i++) {
      const at = offsetOf(ids[i]!)
      const n = Math.min(sector, size - pos)
      if (at + n > b.length) throw new Unsupported('cfb: sector past the end')
      const last = runs.length - 2
      if (last >= 0 && runs[last]! + runs[last + 1]! === at) runs[last + 1] = runs[last + 1]! + n
      else runs.push(at, n)
      pos += n
    }
    if (runs.length === 2) return b.subarray(runs[0]!, runs[0]! + size)
    const out = new Uint8Array(size)
    for (let r = 0, pos = 0; r < runs.length; r += 2) {
      out.set(b.subarray(runs[r]!, runs[r]! + runs[r + 1]!), pos)
      pos += runs[r + 1]!
    }
    return out
  }

  // the directory
  const dirIds = chain(fat, u32(0x30), sectors)
  const entries: DirEntry[] = []
  for (const id of dirIds) {
    const base = offsetOf(id)
    for (let k = 0; k < sector / DIR_ENTRY; k++) {
      const at = base + k * DIR_ENTRY
      if (at + DIR_ENTRY > b.length) throw new Unsupported('cfb: directory past the end')
      const nameBytes = view.getUint16(at + 0x40, true)
      let name = ''
      for (let i = 0; i + 2 < nameBytes && i < 64; i += 2)
        name += String.fromCharCode(view.getUint16(at + i, true))
      entries.push({
        name,
        type: b[at + 0x42]!,
        left: u32(at + 0x44),
        right: u32(at + 0x48),
        child: u32(at + 0x4c),
        start: u32(at + 0x74),
        size: u32(at + 0x78),
      })
    }
  }
  const root = entries[0]
  if (!root || root.type !== 5) throw new Unsupported('cfb: no root')

  // every stream SheetJS might take instead of the root's Workbook is a reason to let it read the file
  let named = 0
  for (const e of entries) {
    if (e.type !== 1 && e.type !== 2) continue
    const n = e.name.toLowerCase()
    if (n === 'book' || n === 'encryption' || n === 'encryptioninfo') throw new Unsupported('cfb: ' + n)
    if (n === 'workbook') named++
  }
  if (named !== 1) throw new Unsupported('cfb: not one Workbook stream')

  // the root's children, along the red-black tree's siblings
  let workbook: DirEntry | undefined
  const seen = new Set<number>()
  const walk = [root.child]
  while (walk.length > 0) {
    const id = walk.pop()!
    if (id === NO_STREAM) continue
    if (id >= entries.length || seen.has(id)) throw new Unsupported('cfb: directory tree')
    seen.add(id)
    const e = entries[id]!
    if (e.type === 2 && e.name.toLowerCase() === 'workbook') workbook = e
    walk.push(e.left, e.right)
  }
  if (!workbook) throw new Unsupported('cfb: no Workbook at the root')
  if (workbook.size >= MINI_CUTOFF) return regular(workbook.start, workbook.size)

  // a small stream lives in the mini stream (the root's own stream), in 64-byte sectors
  const miniCount = u32(0x40)
  const miniFatIds = miniCount === 0 ? [] : chain(fat, u32(0x3c), sectors)
  if (miniFatIds.length < miniCount) throw new Unsupported('cfb: miniFAT')
  const miniFat = new Uint32Array(miniFatIds.length * perSector)
  miniFatIds.forEach((id, s) => {
    const at = offsetOf(id)
    for (let i = 0; i < perSector; i++) miniFat[s * perSector + i] = u32(at + i * 4)
  })
  const mini = regular(root.start, root.size)
  const ids = chain(miniFat, workbook.start, Math.ceil(mini.length / MINI_SECTOR) + 1)
  if (ids.length * MINI_SECTOR < workbook.size)
    throw new Unsupported('cfb: mini stream shorter than declared')
  const out = new Uint8Array(workbook.size)
  for (let i = 0, pos = 0; pos < workbook.size; i++) {
    const at = ids[i]! * MINI_SECTOR
    const n = Math.min(MINI_SECTOR, workbook.size - pos)
    if (at + n > mini.length) throw new Unsupported('cfb: mini sector past the end')
    out.set(mini.subarray(at, at + n), pos)
    pos += n
  }
  return out
}
