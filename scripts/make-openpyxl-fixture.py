#!/usr/bin/env python3
"""Writes test/fixtures/files/openpyxl/form-like.xlsx: a workbook shaped like the child-work form but
written by openpyxl, the library a Python clerk (or another generator) would use, so that the fast
.xlsx reader is checked against SheetJS on a file no JavaScript library wrote. The result is committed:
CI needs no Python. usage: python3 scripts/make-openpyxl-fixture.py   (Debian: python3-openpyxl)"""
import os
import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side

out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "files", "openpyxl", "form-like.xlsx")
wb = openpyxl.Workbook()
info = wb.active
info.title = "Thông tin"
info["A1"], info["B1"] = "Mã đơn vị", "10001"
info["A2"], info["B2"] = "Tên đơn vị", "Xã Sơn Thái"
info["A3"], info["B3"] = "Ngày báo cáo", "05/12/2025"
ws = wb.create_sheet("Biểu TE")
ws.merge_cells("A1:H1")
ws["A1"] = "BÁO CÁO CÔNG TÁC TRẺ EM NĂM 2025"
ws["A1"].font = Font(bold=True, size=13)
for c, h in enumerate(["STT", "Mã chỉ tiêu", "Nội dung chỉ tiêu", "Đơn vị tính", "Cùng kỳ", "Tổng số", "Nam", "Nữ"], 1):
    cell = ws.cell(row=5, column=c, value=h)
    cell.alignment = Alignment(wrap_text=True, horizontal="center")
    cell.border = Border(bottom=Side(style="thin"))
for r in range(6, 40):
    ws.cell(row=r, column=1, value=r - 5)
    ws.cell(row=r, column=2, value=f"TE.{r:04d}")
    ws.cell(row=r, column=3, value="Số trẻ em dưới 16 tuổi được chăm sóc")
    ws.cell(row=r, column=4, value="trẻ em" if r % 3 else "%")
    for c in range(5, 9):
        ws.cell(row=r, column=c, value=(r * c * 1.5) if c != 7 else r * c)
ws["E40"] = "=SUM(E6:E39)"
ws["F40"] = "1.234"
ws["G40"] = 0.1 + 0.2
ws.column_dimensions["C"].width = 40
ws.freeze_panes = "C6"
hidden = wb.create_sheet("Ẩn")
hidden.sheet_state = "hidden"
hidden["A1"] = "ghi chú"
wb.save(out)
print(out)
