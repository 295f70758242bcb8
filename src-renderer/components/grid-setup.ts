// ag-grid 34 needs its modules registered once and a theme from the theming API; every grid of
// the application shares this look: dense rows, the office's blue, readable type.
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community'
import type { ColDef } from 'ag-grid-community'

ModuleRegistry.registerModules([AllCommunityModule])

export const gridTheme = themeQuartz.withParams({
  fontFamily: ['"Segoe UI"', 'Roboto', '"Noto Sans"', 'Arial', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 12.5,
  headerFontWeight: 600,
  headerBackgroundColor: '#e8eef5',
  headerTextColor: '#1d3557',
  rowHeight: 30,
  headerHeight: 34,
  spacing: 5,
  borderColor: '#d5dde6',
  rowBorder: { color: '#e4e9ef' },
  columnBorder: { color: '#eef1f5' },
  accentColor: '#1f5fa8',
  selectedRowBackgroundColor: '#dbe8f7',
  oddRowBackgroundColor: '#fafbfd',
  wrapperBorderRadius: 4,
  browserColorScheme: 'light',
})

/** The columns of a list (units, files, problems, sources): the clerk sorts, filters and sizes them. */
export const LIST_COLUMNS: ColDef = { sortable: true, filter: true, resizable: true }

/** A list's columns whose long headings wrap over lines, the head as tall as they need. */
export const LIST_COLUMNS_WRAPPED: ColDef = { ...LIST_COLUMNS, wrapHeaderText: true, autoHeaderHeight: true }

export const VI_GRID_TEXT: Record<string, string> = {
  noRowsToShow: 'Không có dòng nào',
  loadingOoo: 'Đang tải…',
  filterOoo: 'Lọc…',
  equals: 'Bằng',
  notEqual: 'Khác',
  contains: 'Chứa',
  notContains: 'Không chứa',
  startsWith: 'Bắt đầu bằng',
  endsWith: 'Kết thúc bằng',
  blank: 'Trống',
  notBlank: 'Không trống',
  lessThan: 'Nhỏ hơn',
  greaterThan: 'Lớn hơn',
  lessThanOrEqual: 'Nhỏ hơn hoặc bằng',
  greaterThanOrEqual: 'Lớn hơn hoặc bằng',
  inRange: 'Trong khoảng',
  andCondition: 'VÀ',
  orCondition: 'HOẶC',
  applyFilter: 'Áp dụng',
  resetFilter: 'Đặt lại',
  clearFilter: 'Xóa lọc',
  page: 'Trang',
  of: 'của',
  to: 'đến',
}
