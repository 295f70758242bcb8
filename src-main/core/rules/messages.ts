// Messages of the rules that concern the file as a whole (S01-S09, V01-V04, V13, W07), Vietnamese
// first. The per-row rules build their own messages beside their checks.
import type { Localized } from '../../shared/localized'

/** S02, naming the form's own header texts of its code and label columns (`Mã chỉ tiêu, Nội dung chỉ tiêu`). */
export function noTable(headers: string): Localized {
  return {
    vi: `Không tìm thấy bảng số liệu: không có sheet nào có dòng tiêu đề của biểu (${headers}) và các dòng chỉ tiêu`,
    en: `No figures table: no sheet has the form's header row (${headers}) and its indicator rows`,
  }
}

export function unitNotFound(
  reason: 'none' | 'ambiguous' | 'conflict' | 'unknown',
  detail: string,
): Localized {
  switch (reason) {
    case 'none':
      return {
        vi: `Không xác định được đơn vị báo cáo (không có mã, tên đơn vị hay tên tệp khớp danh sách đơn vị)${detail}`,
        en: `The reporting unit cannot be identified (no code, name or file name matches the unit list)${detail}`,
      }
    case 'unknown':
      return {
        vi: `Đơn vị không có trong danh sách đơn vị của kỳ báo cáo${detail}`,
        en: `The unit is not in the unit list of the period${detail}`,
      }
    case 'ambiguous':
      return {
        vi: `Tên đơn vị khớp với nhiều đơn vị trong danh sách${detail}`,
        en: `The unit name matches several units of the list${detail}`,
      }
    case 'conflict':
      return {
        vi: `Các thông tin trong tệp chỉ ra các đơn vị khác nhau${detail}`,
        en: `The file names different units in different places${detail}`,
      }
  }
}
