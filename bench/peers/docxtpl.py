#!/usr/bin/python3
"""docxtpl (python-docx-template, Debian python3-docxtpl) peer, same harness as
common.js: data loaded once, N renders in-process after warm-up, median.

    /usr/bin/python3 docxtpl.py TEMPLATE DATA.json N OUT [WARMUP] [--reuse]

Prints one line: "docxtpl median_ms=<m> min_ms=<m> n=<N> bytes=<size> rss_mb=<r> mode=<fresh|reuse>".

fresh (default): what a docxtpl user does per document,
    tpl = DocxTemplate(path); tpl.render(ctx); tpl.save(BytesIO())
reuse: one DocxTemplate, tpl.render(ctx); tpl.save(BytesIO()) per document.
    docxtpl 0.16.5 allows it, but render() on an already rendered object re-opens
    the template (init_docx: Document(template_file)) and re-builds the Jinja
    template from the XML, so both modes do the same work.
Default render() arguments (autoescape off), as docxtpl's own examples do.
Must run under /usr/bin/python3 (Debian's docxtpl is not in other interpreters).
"""
import io
import json
import os
import resource
import sys
import time

# This file is named docxtpl.py too: drop its folder from the path so that the
# import below finds the library, not this script.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != _here]
from docxtpl import DocxTemplate  # noqa: E402


def main(argv):
    reuse = "--reuse" in argv
    args = [a for a in argv[1:] if a != "--reuse"]
    if len(args) < 2:
        sys.stderr.write(__doc__)
        return 2
    tpl_path, data_path = args[0], args[1]
    n = int(args[2]) if len(args) > 2 else 20
    out = args[3] if len(args) > 3 else None
    warm = int(args[4]) if len(args) > 4 else min(5, n)
    with open(data_path, encoding="utf-8") as f:
        data = json.load(f)
    shared = DocxTemplate(tpl_path) if reuse else None

    def render():
        tpl = shared if reuse else DocxTemplate(tpl_path)
        tpl.render(data)
        buf = io.BytesIO()
        tpl.save(buf)
        return buf.getvalue()

    last = None
    for _ in range(warm):
        last = render()
    times = []
    for _ in range(n):
        t0 = time.perf_counter_ns()
        last = render()
        times.append((time.perf_counter_ns() - t0) / 1e6)
    if out:
        with open(out, "wb") as f:
            f.write(last)
    times.sort()
    k = len(times)
    med = times[(k - 1) // 2] if k % 2 else (times[k // 2 - 1] + times[k // 2]) / 2
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("docxtpl median_ms=%.3f min_ms=%.3f n=%d bytes=%d rss_mb=%.0f mode=%s"
          % (med, times[0], n, len(last), rss, "reuse" if reuse else "fresh"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
