// `sheaf history` as text: each unit's versions and the validator's decisions.
import type { Lang } from '../shared/localized'
import type { HistoryWithChanges } from '../services/season-history'

export function historyText(entries: readonly HistoryWithChanges[], lang: Lang): string {
  const vi = lang === 'vi'
  if (entries.length === 0) return vi ? 'Chưa có báo cáo nào được lưu.\n' : 'No submissions stored.\n'
  const lines: string[] = []
  for (const e of entries) {
    lines.push(`${e.form}  ${e.period}  ${e.unit}${e.unitName ? ` ${e.unitName}` : ''}`)
    for (const v of e.versions) {
      const state = v.accepted
        ? v.acceptedWithReason
          ? vi
            ? 'chấp nhận có lý do'
            : 'accepted with reason'
          : vi
            ? 'hợp lệ'
            : 'accepted'
        : vi
          ? 'bị từ chối'
          : 'rejected'
      lines.push(
        `  v${v.version}${v.active ? ' *' : '  '} ${v.fileName}  ${vi ? 'nhận' : 'received'} ${v.importedAt}  ${state}  ${v.errorCount} ${vi ? 'lỗi' : 'errors'}, ${v.warningCount} ${vi ? 'cảnh báo' : 'warnings'}`,
      )
      if (v.changes) lines.push(`      ${v.changes}`)
      for (const d of v.decisions)
        lines.push(`      ${d.kind} ${d.by} ${d.at}${d.reason ? `: ${d.reason}` : ''}`)
    }
  }
  return lines.join('\n') + '\n'
}
