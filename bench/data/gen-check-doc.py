#!/usr/bin/python3
"""A long report for timing `vanban check`: the Hà Tân seed typed as a
document (tests/fixtures/proof/make-seed-doc.py) with its body repeated
until the document has about PAGES pages (at ~2,400 characters a page).

  gen-check-doc.py SEEDS_DIR OUT.docx [PAGES]
"""
import importlib.util
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
fix = os.path.join(here, "..", "..", "tests", "fixtures", "proof")
sys.path.insert(0, fix)
spec = importlib.util.spec_from_file_location("seed", os.path.join(fix, "make-seed-doc.py"))
seed = importlib.util.module_from_spec(spec)
spec.loader.exec_module(seed)

seeds, out = sys.argv[1], sys.argv[2]
pages = int(sys.argv[3]) if len(sys.argv) > 3 else 300
orig = seed.join_broken


def repeated(paragraphs):
    body = orig(paragraphs)
    chars = sum(len(p) for p in body) or 1
    times = max(1, pages * 2400 // chars)
    return body * times


seed.join_broken = repeated
seed.build(seeds, "bc-xa-ha-tan-6thang-2024", out, False)
