// The order of a unit's files for a period (S08): the later `Ngày báo cáo`, then the later file
// time, then the later import. The last one is the newest.

export type VersionKey = Readonly<{
  reportDate: string | null
  fileMtimeMs: number | null
  importOrder: number
}>

export function compareVersions(a: VersionKey, b: VersionKey): number {
  const da = a.reportDate ?? ''
  const db = b.reportDate ?? ''
  if (da !== db) {
    if (da === '') return -1
    if (db === '') return 1
    return da < db ? -1 : 1
  }
  const ma = a.fileMtimeMs ?? 0
  const mb = b.fileMtimeMs ?? 0
  if (ma !== mb) return ma - mb
  return a.importOrder - b.importOrder
}
