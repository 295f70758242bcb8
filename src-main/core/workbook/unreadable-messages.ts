// What a clerk reads when a file cannot be read: what is wrong and what to do, in words, never the
// reading library's exception text (kept apart, in `detail`, for whoever investigates).
import type { Localized } from '../../shared/localized'
import type { WorkbookFormat } from './grid'

export const PASSWORD: Localized = {
  vi: 'Tệp được đặt mật khẩu: hãy bỏ mật khẩu rồi gửi lại.',
  en: 'The file is password-protected: remove the password and send it again.',
}

/**
 * An .xls that Excel obfuscated (XOR) with its built-in password (a workbook only protected against
 * changes): RC4 with that password is read; this older scheme is not.
 */
export const XLS_DEFAULT_PASSWORD: Localized = {
  vi:
    'Tệp .xls được Excel mã hoá bằng mật khẩu mặc định (tệp chỉ được bảo vệ chống sửa; Excel mở mà không hỏi mật khẩu), ' +
    'kiểu mã hoá này chưa đọc được: hãy mở tệp bằng Excel, bỏ bảo vệ (Review → Unprotect Workbook), lưu lại rồi gửi lại.',
  en:
    "The .xls file is encrypted with Excel's built-in password (the workbook is only protected against changes; Excel opens it without asking), " +
    'which cannot be read yet: open it in Excel, unprotect it (Review → Unprotect Workbook), save it and send it again.',
}

/** An .xls encrypted in a way Sheaf cannot check a password against (neither XOR nor RC4). */
export const XLS_RC4: Localized = {
  vi:
    'Tệp .xls được mã hoá (bằng mật khẩu, hoặc bằng mật khẩu mặc định của Excel khi tệp chỉ được bảo vệ chống sửa), ' +
    'kiểu mã hoá này chưa đọc được: hãy mở tệp bằng Excel, bỏ mật khẩu hoặc bỏ bảo vệ, lưu lại rồi gửi lại.',
  en:
    "The .xls file is encrypted (with a password, or with Excel's built-in one when the workbook is only protected against changes), " +
    'which cannot be read yet: open it in Excel, remove the password or the protection, save it and send it again.',
}

export const ODS_PASSWORD: Localized = {
  vi: 'Tệp .ods được đặt mật khẩu: hãy mở bằng LibreOffice, bỏ mật khẩu (Tệp → Thuộc tính → Bảo mật), lưu lại rồi gửi lại.',
  en: 'The .ods file is password-protected: open it in LibreOffice, remove the password (File → Properties → Security), save it and send it again.',
}

/** A file the reading library could not make sense of, said by its kind. */
export function damagedText(format: WorkbookFormat): Localized {
  switch (format) {
    case 'xls':
      return {
        vi: 'Tệp .xls bị hỏng, không đọc được: các bản ghi bên trong tệp bị thiếu hoặc sai (tệp có thể bị cắt ngang khi tải về hay gửi qua thư). Hãy đề nghị đơn vị gửi lại tệp.',
        en: 'The .xls file is damaged and cannot be read: records inside it are missing or wrong (it may have been cut short while downloaded or mailed). Ask the unit to send it again.',
      }
    case 'other':
      return {
        vi: 'Tệp bị hỏng, không đọc được: nội dung không đúng cấu trúc bảng tính. Hãy đề nghị đơn vị gửi lại tệp.',
        en: 'The file is damaged and cannot be read: its content is not a well-formed workbook. Ask the unit to send it again.',
      }
    default:
      return {
        vi: `Tệp .${format} bị hỏng, không đọc được: các phần nén bên trong tệp không giải nén được hoặc sai cấu trúc (tệp có thể bị cắt ngang khi tải về hay gửi qua thư). Hãy đề nghị đơn vị gửi lại tệp.`,
        en: `The .${format} file is damaged and cannot be read: parts inside it cannot be unpacked or are malformed (it may have been cut short while downloaded or mailed). Ask the unit to send it again.`,
      }
  }
}
