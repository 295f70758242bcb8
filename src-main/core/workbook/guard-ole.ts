// Checks the header of an OLE container (.xls) before SheetJS follows its sector tables: a header
// that claims more allocation sectors than the file can hold is damaged or crafted.
import type { GuardRefusal } from './guard-zip'

const damaged = (vi: string, en: string): GuardRefusal => ({
  reason: 'damaged',
  text: { vi: `Tệp .xls bị hỏng (${vi}).`, en: `The .xls file is damaged (${en}).` },
})

export function guardOle(b: Uint8Array): GuardRefusal | null {
  if (b.length < 512) return damaged('tệp bị cắt cụt', 'the file is truncated')
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  if (view.getUint16(0x1c, true) !== 0xfffe) return damaged('thứ tự byte sai', 'wrong byte order mark')
  const shift = view.getUint16(0x1e, true)
  if (shift !== 9 && shift !== 12) return damaged(`kích thước sector 2^${shift}`, `sector size 2^${shift}`)
  const sector = 1 << shift
  const sectors = Math.ceil(b.length / sector)
  const fat = view.getUint32(0x2c, true)
  const miniFat = view.getUint32(0x40, true)
  const difat = view.getUint32(0x48, true)
  if (fat === 0 || fat > sectors || miniFat > sectors || difat > sectors)
    return damaged('bảng cấp phát lớn hơn tệp', 'the allocation tables are larger than the file')
  return null
}
