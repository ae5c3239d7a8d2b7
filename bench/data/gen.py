#!/usr/bin/python3
"""Benchmark inputs: one report, written for every engine.

    gen.py data ROWS OUT.json        data shared by vanban (raw) and the peers
    gen.py model ROWS OUT.json       the same report as a vanban document
                                     (docs/data-model.md), for the shipped template
    gen.py templates OUTDIR          OUTDIR/{vanban,docxtpl,docxtemplater,easy,carbone}.docx,
                                     and vanban-image.docx (the same + a 3 MB picture)

The report: a header (agencies, number, place and date, document type, summary
line), an opening paragraph, 4 indicator groups (10 + 6 + 12 + 9 = 37
indicators) of 4 paragraphs each (name, requirement, result, assessment), the
recipients and the signature, then an appendix table with ROWS rows (37 for
the small report). Same text, same structure, same data for every engine; only
the tag syntax differs. Deterministic (no randomness, no dates from the clock).
Needs python-docx (/usr/bin/python3 on Debian has it).
"""
import json
import sys

GROUPS = [("1", "Chính quyền số", 10), ("2", "Kinh tế số", 6), ("3", "Xã hội số", 12),
          ("4", "Hạ tầng số", 9)]
KINDS = ["Báo cáo", "Kế hoạch", "Quyết định", "Công văn", "Thông báo"]
CODES = ["BC-UBND", "KH-UBND", "QĐ-UBND", "UBND-VHTT", "TB-UBND"]
REQ = ("Tỷ lệ hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng (trừ hồ sơ công việc "
       "thuộc phạm vi bí mật nhà nước) đạt tối thiểu {t}% theo kế hoạch chuyển đổi số của tỉnh.")
RES = ("Đã xử lý {tu}/{mau} hồ sơ trên Hệ thống quản lý văn bản và điều hành, đạt {r}%; "
       "100% văn bản đi được ký số và gửi nhận qua môi trường mạng.")


def indicator(g, k):
    tu, mau = 150 + 37 * k + int(g) * 11, 200 + 41 * k + int(g) * 13
    if tu > mau:
        tu = mau
    t = [70, 80, 90, 100][(k + int(g)) % 4]
    rate = 100.0 * tu / mau
    return {
        "ma": f"{g}.{k}",
        "ten": f"Tiêu chí số {g}.{k}: ứng dụng công nghệ thông tin trong hoạt động của cơ quan",
        "yeu_cau": REQ.format(t=t),
        "ket_qua": RES.format(tu=tu, mau=mau, r=f"{rate:.1f}".replace(".", ",")),
        "danh_gia": "Đạt" if rate >= t else "Chưa đạt",
        "_tu": tu, "_mau": mau, "_t": t,
    }


def appendix_row(i):
    kind = i % 5
    return {
        "stt": i,
        "trich_yeu": f"{KINDS[kind]} về việc triển khai nhiệm vụ chuyển đổi số, phát triển chính "
                     f"quyền số và bảo đảm an toàn thông tin mạng, đợt {i}",
        "so_ky_hieu": f"{i % 997 + 1}/{CODES[kind]}",
        "ngay": f"{i % 28 + 1:02d}/{i % 12 + 1:02d}/2024",
    }


def data(rows):
    nhom = []
    for g, ten, n in GROUPS:
        cts = [indicator(g, k) for k in range(1, n + 1)]
        dat = sum(1 for c in cts if c["danh_gia"] == "Đạt")
        for c in cts:
            for key in ("_tu", "_mau", "_t"):
                del c[key]
        nhom.append({"so": g, "ten": ten, "chi_tieu": cts,
                     "tom_tat": f"{dat}/{n} chỉ tiêu đạt, tỷ lệ {100.0 * dat / n:.1f}%".replace(".", ",")})
    return {
        "co_quan": "UBND HUYỆN HÀ TRUNG",
        "co_quan_ban_hanh": "ỦY BAN NHÂN DÂN XÃ HÀ TÂN",
        "so_ky_hieu": "Số: 125/BC-UBND",
        "dia_danh_ngay": "Hà Tân, ngày 20 tháng 6 năm 2024",
        "ten_loai": "BÁO CÁO",
        "trich_yeu": "Kết quả thực hiện chuyển đổi số 06 tháng đầu năm 2024",
        "mo_dau": "Thực hiện công văn số 2024/UBND-VHTT ngày 13/06/2024 của UBND huyện Hà Trung "
                  "về báo cáo kết quả thực hiện các chỉ tiêu chuyển đổi số 6 tháng đầu năm, UBND "
                  "xã Hà Tân báo cáo kết quả thực hiện như sau:",
        "nhom": nhom,
        "noi_nhan": [{"ten": "- Như trên;"}, {"ten": "- Phòng VHTT huyện (b/c);"},
                     {"ten": "- Chủ tịch UBND xã (b/c);"}, {"ten": "- Lưu: VT, VHTT."}],
        "ky_chuc_vu": "KT. CHỦ TỊCH - PHÓ CHỦ TỊCH",
        "ky_ho_ten": "Nguyễn Văn Trình",
        "dong": [appendix_row(i) for i in range(1, rows + 1)],
    }


def model(rows):
    """The same report in vanban's own data model (docs/data-model.md)."""
    groups = []
    for g, ten, n in GROUPS:
        cts = []
        for k in range(1, n + 1):
            c = indicator(g, k)
            cts.append({
                "ma": c["ma"], "ten": c["ten"], "yeu_cau": c["yeu_cau"],
                "muc_tieu": {"kieu": "ty_le", "gia_tri": c["_t"], "so_sanh": ">="},
                "ket_qua": {"tu": c["_tu"], "mau": c["_mau"]},
                "thuyet_minh": ["Đã xử lý {{ ket_qua }} hồ sơ trên Hệ thống quản lý văn bản và "
                                "điều hành, đạt {{ ty_le }}; 100% văn bản đi được ký số."],
                "minh_chung": [],
            })
        groups.append({"ma": g, "ten": ten, "chi_tieu": cts})
    per = max(1, rows // 5)
    nhom = []
    for gi in range(5):
        lo = gi * per + 1
        hi = rows if gi == 4 else min(rows, (gi + 1) * per)
        if lo > hi:
            continue
        dong = []
        for i in range(lo, hi + 1):
            r = appendix_row(i)
            dd, mm, yy = r["ngay"].split("/")
            dong.append({"trich_yeu": r["trich_yeu"], "so_ky_hieu": r["so_ky_hieu"],
                         "ngay": f"{yy}-{mm}-{dd}"})
        nhom.append({"ten": KINDS[gi], "dong": dong})
    d = data(0)
    return {
        "loai": "bao-cao",
        "van_ban": {
            "co_quan_chu_quan": "UBND huyện Hà Trung",
            "co_quan_ban_hanh": "Ủy ban nhân dân\nxã Hà Tân",
            "ten_co_quan": "UBND xã Hà Tân",
            "so": 125, "ky_hieu": "BC-UBND", "dia_danh": "Hà Tân", "ngay": "2024-06-20",
            "trich_yeu": d["trich_yeu"],
            "kinh_gui": ["UBND huyện Hà Trung"],
            "noi_nhan": ["Như trên", "Phòng VHTT huyện (b/c)", "Chủ tịch UBND xã (b/c)"],
            "luu": "VT, VHTT",
            "ky": {"dong": ["KT. Chủ tịch", "Phó Chủ tịch"], "ho_ten": "Nguyễn Văn Trình"},
        },
        "mo_dau": [d["mo_dau"]],
        "noi_dung": [{"tieu_de": "Kết quả thực hiện các chỉ tiêu", "noi_dung": [{"chi_tieu": "*"}]}],
        "ket_thuc": ["Trên đây là báo cáo kết quả thực hiện chuyển đổi số của UBND xã Hà Tân"],
        "nhom_chi_tieu": groups,
        "phu_luc": [{"tieu_de": "Danh mục các văn bản về chuyển đổi số", "kieu": "van_ban",
                     "nhom": nhom}],
    }


# ---- templates -------------------------------------------------------------

class Syntax:
    """How one engine writes a value, a paragraph loop and a table-row loop.
    `ctx` is the stack of loop names (outermost first)."""


class Vanban(Syntax):
    var = {"nhom": "g", "chi_tieu": "c", "noi_nhan": "n", "dong": "r"}

    def val(self, ctx, f):
        return "{{ %s%s }}" % (self.var[ctx[-1]] + "." if ctx else "", f)

    def open(self, ctx, name):
        src = (self.var[ctx[-1]] + "." if ctx else "") + name
        return ["{%% for %s in %s %%}" % (self.var[name], src)]

    def close(self, ctx, name):
        return ["{% endfor %}"]


class Docxtpl(Vanban):
    """python-docx-template (docxtpl): Jinja values as vanban's; `{%p … %}` makes the
    tag's own paragraph the loop marker (removed from the output), `{%tr … %}` the
    table row's."""

    def open(self, ctx, name):
        src = (self.var[ctx[-1]] + "." if ctx else "") + name
        return ["{%%p for %s in %s %%}" % (self.var[name], src)]

    def close(self, ctx, name):
        return ["{%p endfor %}"]


class Mustache(Syntax):
    """docxtemplater and easy-template-x: {#list} … {/list}, names resolved in scope."""

    def val(self, ctx, f):
        return "{%s}" % f

    def open(self, ctx, name):
        return ["{#%s}" % name]

    def close(self, ctx, name):
        return ["{/%s}" % name]


class Carbone(Syntax):
    def path(self, ctx, i="i"):
        p = "d"
        for k, n in enumerate(ctx):
            p += ".%s[%s]" % (n, i if k == len(ctx) - 1 else "i")
        return p

    def val(self, ctx, f, i="i"):
        return "{%s.%s}" % (self.path(ctx, i), f)

    def open(self, ctx, name):
        return []

    def close(self, ctx, name):  # ctx includes name: the [i+1] marker paragraph
        return None


def noise_png(path, side=1024):
    """A deterministic, incompressible RGB picture (about 3 MB): the test of
    untouched parts being copied without inflate/deflate."""
    import random
    import struct
    import zlib
    rnd = random.Random(8)
    raw = b"".join(b"\0" + rnd.randbytes(side * 3) for _ in range(side))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))


def build(syntax, path, image=None):
    import docx
    from docx.shared import Pt
    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(14)

    def para(text, bold=False):
        p = doc.add_paragraph()
        r = p.add_run(text)
        r.bold = bold

    def loop(ctx, name, first_field, body):
        inner = ctx + [name]
        if isinstance(syntax, Carbone):
            body(inner)
            para(syntax.val(inner, first_field, "i+1"))
        else:
            for t in syntax.open(ctx, name):
                para(t)
            body(inner)
            for t in syntax.close(ctx, name):
                para(t)

    v = syntax.val
    para(v([], "co_quan"))
    para(v([], "co_quan_ban_hanh"), bold=True)
    para(v([], "so_ky_hieu"))
    para(v([], "dia_danh_ngay"))
    para(v([], "ten_loai"), bold=True)
    para(v([], "trich_yeu"), bold=True)
    para(v([], "mo_dau"))

    def indicators(ctx):
        para("%s. %s" % (v(ctx, "ma"), v(ctx, "ten")), bold=True)
        para("a) Yêu cầu: %s" % v(ctx, "yeu_cau"))
        para("b) Kết quả: %s" % v(ctx, "ket_qua"))
        para("c) Đánh giá: %s" % v(ctx, "danh_gia"))

    def groups(ctx):
        para("%s. %s" % (v(ctx, "so"), v(ctx, "ten")), bold=True)
        para("Kết quả: %s" % v(ctx, "tom_tat"))
        loop(ctx, "chi_tieu", "ma", indicators)

    loop([], "nhom", "so", groups)
    para("Nơi nhận:", bold=True)
    loop([], "noi_nhan", "ten", lambda ctx: para(v(ctx, "ten")))
    para(v([], "ky_chuc_vu"), bold=True)
    para(v([], "ky_ho_ten"), bold=True)
    if image:
        from docx.shared import Cm
        doc.add_picture(image, width=Cm(4))
    doc.add_page_break()
    para("PHỤ LỤC", bold=True)
    para("Danh mục các văn bản về chuyển đổi số", bold=True)

    cols = ["stt", "trich_yeu", "so_ky_hieu", "ngay"]
    if isinstance(syntax, Vanban):  # and Docxtpl
        nrows = 4
    elif isinstance(syntax, Carbone):
        nrows = 3
    else:
        nrows = 2
    t = doc.add_table(rows=nrows, cols=4)
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, ["STT", "Trích yếu", "Số, ký hiệu", "Ngày"]):
        c.text = h
    ctx = ["dong"]
    if isinstance(syntax, Vanban):
        tr = "tr" if isinstance(syntax, Docxtpl) else ""
        a = t.rows[1].cells[0].merge(t.rows[1].cells[3])
        a.text = "{%%%s for r in dong %%}" % tr
        for c, f in zip(t.rows[2].cells, cols):
            c.text = v(ctx, f)
        b = t.rows[3].cells[0].merge(t.rows[3].cells[3])
        b.text = "{%%%s endfor %%}" % tr
    elif isinstance(syntax, Carbone):
        for c, f in zip(t.rows[1].cells, cols):
            c.text = v(ctx, f)
        for c, f in zip(t.rows[2].cells, cols):
            c.text = v(ctx, f, "i+1")
    else:
        for k, (c, f) in enumerate(zip(t.rows[1].cells, cols)):
            c.text = ("{#dong}" if k == 0 else "") + v(ctx, f) + ("{/dong}" if k == 3 else "")
    doc.save(path)


def main(argv):
    if len(argv) == 4 and argv[1] in ("data", "model"):
        rows = int(argv[2])
        obj = data(rows) if argv[1] == "data" else model(rows)
        with open(argv[3], "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=None, separators=(",", ":"))
        return 0
    if len(argv) == 3 and argv[1] == "templates":
        import os
        os.makedirs(argv[2], exist_ok=True)
        for name, syn in (("vanban", Vanban()), ("docxtpl", Docxtpl()), ("docxtemplater", Mustache()),
                          ("easy", Mustache()), ("carbone", Carbone())):
            build(syn, os.path.join(argv[2], name + ".docx"))
        png = os.path.join(argv[2], "noise.png")
        noise_png(png)
        build(Vanban(), os.path.join(argv[2], "vanban-image.docx"), image=png)
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
