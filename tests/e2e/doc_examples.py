"""The examples of README.md that can be run as shown, for test_doc_examples.sh.

  doc_examples.py filters README.md   -> one line per example of the filter table:
                                         TEMPLATE <TAB> EXPECTED (the code spans of its
                                         second and third columns, pairwise)
  doc_examples.py block README.md N   -> the N-th fenced block (0-based) whose first line
                                         starts with "vanban: ", as it is written
  doc_examples.py text FILE.docx      -> the text of each body paragraph, one per line
"""
import re
import sys
import zipfile


def code_spans(cell):
    return [s.replace("\\|", "|") for s in re.findall(r"`([^`]+)`", cell)]


def filters(path):
    rows = [l for l in open(path, encoding="utf-8") if l.startswith("| `")]
    for row in rows:
        cells = re.split(r"(?<!\\)\|", row.strip())[1:-1]
        if len(cells) != 3:
            continue
        examples, results = code_spans(cells[1]), code_spans(cells[2])
        # what follows the results in brackets explains them: "(options: `chu("le")` …)"
        if not examples or len(results) < len(examples) or any("{{" in r for r in results):
            continue
        results = results[: len(examples)]
        if not all(e.startswith("{{") and e.endswith("}}") for e in examples):
            continue
        for e, r in zip(examples, results):
            print(f"{e}\t{r}")


def block(path, n):
    text = open(path, encoding="utf-8").read()
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", text, re.S | re.M)
    found = [b for b in blocks if b.startswith("vanban: ")]
    sys.stdout.write(found[int(n)])


def docx_text(path):
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        t = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
        t = t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        print(t)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "filters":
        filters(sys.argv[2])
    elif cmd == "block":
        block(sys.argv[2], sys.argv[3])
    elif cmd == "text":
        docx_text(sys.argv[2])
