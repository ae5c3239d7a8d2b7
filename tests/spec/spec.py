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
      rendered body as it stands in the part, for the combined documents)
      and OUT_DIR/auto-MARKS.odt.xml (the office:automatic-styles an ODT
      body's emphasised spans use).

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


TAGS = {1: "b", 2: "i", 3: "bi"}
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"


class Inline:
    """The neutral text of a paragraph, with <b>, <i>, <bi> around the text
    whose runs (DOCX w:b, w:i in w:rPr) or spans (ODT: their automatic
    style's fo:font-weight, fo:font-style) are emphasised."""

    def __init__(self, odt, styles):
        self.odt, self.styles, self.s, self.cur = odt, styles, "", 0

    def to(self, style):
        if style != self.cur:
            if self.cur:
                self.s += f"</{TAGS[self.cur]}>"
            if style:
                self.s += f"<{TAGS[style]}>"
            self.cur = style

    def text(self, t, style):
        if t:
            self.to(style)
            self.s += esc(t)

    def done(self):
        self.to(0)
        return self.s


def run_style(r):
    style = 0
    for pr in r:
        if local(pr) != "rPr":
            continue
        for c in pr:
            if local(c) in ("b", "i") and c.get(W + "val", "1") not in ("0", "false", "off"):
                style |= 1 if local(c) == "b" else 2
    return style


def span_style(span, styles):
    tp = styles.get(span.get(TEXT + "style-name"))
    if tp is None:
        return 0
    return ((1 if tp.get(FO + "font-weight") == "bold" else 0)
            | (2 if tp.get(FO + "font-style") == "italic" else 0))


def norm_inline(el, out, style):
    odt = out.odt
    for c in el:
        name = local(c)
        if name in SKIPPED:
            pass
        elif name == "t" and not odt:
            out.text(c.text or "", style)
        elif name in ("br", "cr", "line-break"):
            out.to(style)
            out.s += "<br/>"
        elif name == "tab":
            out.to(style)
            out.s += "<tab/>"
        elif name == "s" and odt:
            out.text(" " * int(c.get(TEXT + "c", "1")), style)
        else:
            inner = style
            if name == "r" and not odt:
                inner |= run_style(c)
            elif name == "span" and odt:
                inner |= span_style(c, out.styles)
            if odt:
                out.text(c.text or "", inner)
            norm_inline(c, out, inner)
        if odt and c.tail:
            out.text(c.tail, style)


def norm_blocks(el, odt, styles):
    s = ""
    for c in el:
        name = local(c)
        if name in SKIPPED:
            continue
        if name in ("p", "h"):
            out = Inline(odt, styles)
            if odt:
                out.text(c.text or "", 0)
            norm_inline(c, out, 0)
            inner = out.done()
            s += f"<p>{inner}</p>" if inner else "<p/>"
        elif name in ("tbl", "table"):
            s += "<table>" + norm_blocks(c, odt, styles) + "</table>"
        elif name in ("tr", "table-row"):
            s += "<tr>" + norm_blocks(c, odt, styles) + "</tr>"
        elif name in ("tc", "table-cell"):
            s += "<tc>" + norm_blocks(c, odt, styles) + "</tc>"
        else:
            s += norm_blocks(c, odt, styles)
    return s


def automatic_styles(root):
    """ODT: style name → its style:text-properties, from office:automatic-styles."""
    found = {}
    auto = root.find(f"{OFFICE}automatic-styles")
    for st in (auto if auto is not None else []):
        tp = st.find(f"{STYLE}text-properties")
        if tp is not None:
            found[st.get(STYLE + "name")] = tp
    return found


def body_of(xml, odt):
    """The neutral body, and the body as the part has it."""
    root = ET.fromstring(xml)
    body = root.find(f".//{OFFICE}text") if odt else root.find(f"{W}body")
    text = xml.decode("utf-8")
    m = re.search(r"<office:text>(.*)</office:text>" if odt else r"<w:body>(.*)<w:sectPr/></w:body>",
                  text, re.S)
    return norm_blocks(body, odt, automatic_styles(root) if odt else {}), (m.group(1) if m else "")


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
        if not os.path.isdir(cd):
            continue
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
            # The automatic styles a body's spans use (inline emphasis), for
            # the combined document.
            auto = re.search(r"<office:automatic-styles>.*</office:automatic-styles>",
                             open(os.path.join(cd, f), encoding="utf-8").read(), re.S)
            if odt and auto:
                with open(os.path.join(out_dir, f"auto-{m.group(1)}.odt.xml"), "w",
                          encoding="utf-8") as fh:
                    fh.write(auto.group(0))
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
