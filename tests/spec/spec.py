#!/usr/bin/env python3
"""The spec corpus for tests/e2e/test_spec.sh (the format: README.md here).

  spec.py split SPEC_DIR OUT_DIR
      One directory per case under OUT_DIR (0001, 0002 …) holding: where
      ("tests/spec/values.txt:12"), opts, docx.xml and odt.xml (the template
      body in each format), data.json, and expect (the neutral body) or error
      (one expected message part per line).

  spec.py compare OUT_DIR
      For every got-MARKS.FMT.xml (a rendered main part) in the case
      directories: its body in the neutral notation against expect; prints
      "ok: …" or "FAIL: …" lines, and writes body-MARKS.FMT.xml (the
      rendered body as it stands in the part, for the combined documents).

Python's standard library only; tests/unit/api/test_spec.c is the C twin
(through the library), so the two runners check each other's reading of the
corpus.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
OPTIONS = {"docx", "odt", "marks", "no-marks", "lenient"}


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def joined(lines):
    return "".join(l.strip(" \t\r") for l in lines)


def cases(path):
    """(line, opts, template, data, kind, expect) for each case of a file."""
    out, state, cur = [], None, None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("~~~~"):
                words = line[4:].split()
                word = words[0] if words else ""
                if state is None and word == "case":
                    bad = set(words[1:]) - OPTIONS
                    if bad:
                        raise SystemExit(f"{path}:{n}: unknown case option {sorted(bad)}")
                    cur = {"line": n, "opts": words[1:], "tpl": [], "data": [], "expect": []}
                    state = "tpl"
                elif state == "tpl" and word == "data":
                    state = "data"
                elif state == "data" and word in ("expect", "error"):
                    cur["kind"] = word
                    state = "expect"
                elif state == "expect" and not word:
                    out.append(cur)
                    state = None
                else:
                    raise SystemExit(f"{path}:{n}: unexpected fence {line!r}")
            elif state:
                cur[state].append(line)
    if state:
        raise SystemExit(f"{path}: case at line {cur['line']} is not closed")
    return out


def run_content(el, odt):
    """Text, <br/>, <tab/> inside a run."""
    s = ""
    if el.text:
        s += esc(el.text) if odt else f'<w:t xml:space="preserve">{esc(el.text)}</w:t>'
    for c in el:
        if c.tag == "br":
            s += "<text:line-break/>" if odt else "<w:br/>"
        elif c.tag == "tab":
            s += "<text:tab/>" if odt else "<w:tab/>"
        else:
            raise SystemExit(f"unknown element <{c.tag}> in a run")
        if c.tail:
            s += esc(c.tail) if odt else f'<w:t xml:space="preserve">{esc(c.tail)}</w:t>'
    return s


def inline(p, odt):
    def loose(text):
        return esc(text) if odt else f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'

    s = loose(p.text) if p.text else ""
    for c in p:
        if c.tag == "r":
            inner = run_content(c, odt)
            s += f"<text:span>{inner}</text:span>" if odt else f"<w:r>{inner}</w:r>"
        elif c.tag == "br":
            s += "<text:line-break/>" if odt else "<w:r><w:br/></w:r>"
        elif c.tag == "tab":
            s += "<text:tab/>" if odt else "<w:r><w:tab/></w:r>"
        else:
            raise SystemExit(f"unknown element <{c.tag}> in a paragraph")
        if c.tail:
            s += loose(c.tail)
    return s


TABLES = [0]


def blocks(parent, odt):
    s = ""
    for b in parent:
        if b.tag == "p":
            inner = inline(b, odt)
            s += f"<text:p>{inner}</text:p>" if odt else f"<w:p>{inner}</w:p>"
        elif b.tag == "table":
            cols = max((len([c for c in r if c.tag == "tc"]) for r in b), default=0)
            TABLES[0] += 1
            if odt:
                s += (f'<table:table table:name="Bảng{TABLES[0]}">'
                      f'<table:table-column table:number-columns-repeated="{cols}"/>')
            else:
                s += ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
                      + '<w:gridCol w:w="2000"/>' * cols + "</w:tblGrid>")
            for r in b:
                s += "<table:table-row>" if odt else "<w:tr>"
                for c in r:
                    s += "<table:table-cell>" if odt else "<w:tc>"
                    s += blocks(c, odt)
                    s += "</table:table-cell>" if odt else "</w:tc>"
                s += "</table:table-row>" if odt else "</w:tr>"
            s += "</table:table>" if odt else "</w:tbl>"
        else:
            raise SystemExit(f"unknown block element <{b.tag}>")
    return s


def translate(neutral, odt):
    return blocks(ET.fromstring(f"<spec>{neutral}</spec>"), odt)


SKIPPED = {"pPr", "rPr", "tblPr", "tblGrid", "trPr", "tcPr", "sectPr", "bookmarkStart",
           "bookmarkEnd", "proofErr", "table-column", "table-columns", "bookmark",
           "bookmark-start", "bookmark-end", "soft-page-break"}


def local(el):
    return el.tag.rsplit("}", 1)[-1]


def norm_inline(el, odt):
    s = ""
    for c in el:
        name = local(c)
        if name in SKIPPED:
            pass
        elif name == "t" and not odt:
            s += esc(c.text or "")
        elif name in ("br", "cr", "line-break"):
            s += "<br/>"
        elif name == "tab":
            s += "<tab/>"
        elif name == "s" and odt:
            s += " " * int(c.get(TEXT + "c", "1"))
        else:
            if odt and c.text:
                s += esc(c.text)
            s += norm_inline(c, odt)
        if odt and c.tail:
            s += esc(c.tail)
    return s


def norm_blocks(el, odt):
    s = ""
    for c in el:
        name = local(c)
        if name in SKIPPED:
            continue
        if name in ("p", "h"):
            inner = (esc(c.text) if odt and c.text else "") + norm_inline(c, odt)
            s += f"<p>{inner}</p>" if inner else "<p/>"
        elif name in ("tbl", "table"):
            s += "<table>" + norm_blocks(c, odt) + "</table>"
        elif name in ("tr", "table-row"):
            s += "<tr>" + norm_blocks(c, odt) + "</tr>"
        elif name in ("tc", "table-cell"):
            s += "<tc>" + norm_blocks(c, odt) + "</tc>"
        else:
            s += norm_blocks(c, odt)
    return s


def body_of(xml, odt):
    """The neutral body, and the body as the part has it."""
    root = ET.fromstring(xml)
    body = root.find(f".//{OFFICE}text") if odt else root.find(f"{W}body")
    text = xml.decode("utf-8")
    m = re.search(r"<office:text>(.*)</office:text>" if odt else r"<w:body>(.*)<w:sectPr/></w:body>",
                  text, re.S)
    return norm_blocks(body, odt), (m.group(1) if m else "")


def split(spec_dir, out_dir):
    k = 0
    for name in sorted(os.listdir(spec_dir)):
        if not name.endswith(".txt"):
            continue
        path = os.path.join(spec_dir, name)
        for c in cases(path):
            k += 1
            d = os.path.join(out_dir, f"{k:04d}")
            os.makedirs(d)
            where = f"tests/spec/{name}:{c['line']}"
            tpl = joined(c["tpl"])
            files = {"where": where, "opts": " ".join(c["opts"]), "data.json": "\n".join(c["data"]),
                     "docx.xml": translate(tpl, False), "odt.xml": translate(tpl, True)}
            if c["kind"] == "error":
                files["error"] = "".join(l + "\n" for l in c["expect"] if l.strip())
            else:
                files["expect"] = joined(c["expect"])
            for f, content in files.items():
                with open(os.path.join(d, f), "w", encoding="utf-8") as fh:
                    fh.write(content)
    print(k)


def compare(out_dir):
    for d in sorted(os.listdir(out_dir)):
        cd = os.path.join(out_dir, d)
        where = open(os.path.join(cd, "where"), encoding="utf-8").read()
        for f in sorted(os.listdir(cd)):
            m = re.fullmatch(r"got-(marks|no-marks)\.(docx|odt)\.xml", f)
            if not m:
                continue
            odt = m.group(2) == "odt"
            what = f"{where}: {m.group(2).upper()}, {m.group(1).replace('-', ' ')}"
            try:
                got, raw = body_of(open(os.path.join(cd, f), "rb").read(), odt)
            except ET.ParseError as e:
                print(f"FAIL: {what}: the output is not XML ({e})")
                continue
            with open(os.path.join(cd, f"body-{m.group(1)}.{m.group(2)}.xml"), "w",
                      encoding="utf-8") as fh:
                fh.write(raw)
            want = open(os.path.join(cd, "expect"), encoding="utf-8").read()
            if got == want:
                print(f"ok: {what}")
            else:
                print(f"FAIL: {what}: the body differs\n  want: {want}\n  got:  {got}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "split":
        split(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "compare":
        compare(sys.argv[2])
    else:
        raise SystemExit(__doc__)
