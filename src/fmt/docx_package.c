/* DOCX as a package (OPC, ECMA-376 Part 2): the main document part is
 * word/document.xml, headers, footers and notes are parts of their own next
 * to it, and ranges (bookmarks, comments) pair their start and end by a
 * numeric w:id. */
#include <stdlib.h>
#include <string.h>

#include "fmt/additions.h"
#include "fmt/custom.h"
#include "fmt/document.h"
#include "fmt/fonts.h"

static int docx_detect(vb_pkg *p, vb_diags *d) {
  (void)d;
  /* A package with a mimetype entry is an ODF package, whatever else it holds. */
  return vb_pkg_find(p, "mimetype") < 0 && vb_pkg_find(p, "word/document.xml") >= 0 &&
         vb_pkg_find(p, "[Content_Types].xml") >= 0;
}

static int docx_is_text_part(const char *name) {
  if (!strcmp(name, "word/document.xml") || !strcmp(name, "word/footnotes.xml") ||
      !strcmp(name, "word/endnotes.xml"))
    return 1;
  const char *base = strncmp(name, "word/", 5) == 0 ? name + 5 : NULL;
  if (!base || strchr(base, '/')) return 0;
  size_t n = strlen(base);
  return n > 4 && !strcmp(base + n - 4, ".xml") &&
         (!strncmp(base, "header", 6) || !strncmp(base, "footer", 6));
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Bookmarks, comments and other ranges pair their start and end by a
 * numeric w:id, and the bookmarks that mark values must not reuse an id the
 * template has: they are numbered from one above the largest. This notes the
 * largest number in any "id" attribute (with or without a prefix, either
 * quote) of the parts that hold such ranges (text parts and comments). It
 * reads the bytes rather than parsing them: most of those parts are copied
 * into the output unparsed. Counting more than ranges (drawing ids, text
 * that looks like an attribute) only raises the first mark id; ids this
 * large being unseen, the count saturates. */
static unsigned docx_next_mark_id(const char *part, const char *xml, size_t len, unsigned next) {
  if (!docx_is_text_part(part) && strcmp(part, "word/comments.xml") != 0) return next;
  const unsigned cap = 0x7f000000u; /* keeps the marks' ids below 2^31 */
  const char *end = xml + len;
  for (const char *eq = xml; (eq = memchr(eq, '=', (size_t)(end - eq))) != NULL; eq++) {
    const char *p = eq; /* "id" ends at p */
    while (p > xml && is_space(p[-1]))
      p--;
    if (p - xml < 3 || p[-2] != 'i' || p[-1] != 'd' || (p[-3] != ':' && !is_space(p[-3]))) continue;
    const char *q = eq + 1;
    while (q < end && is_space(*q))
      q++;
    if (q == end || (*q != '"' && *q != '\'')) continue;
    unsigned long long v = 0;
    const char *digits = ++q;
    while (q < end && *q >= '0' && *q <= '9' && v < cap)
      v = v * 10 + (unsigned)(*q++ - '0');
    if (q > digits && v >= next) next = v < cap ? (unsigned)v + 1 : cap;
  }
  return next;
}

const vb_doc_format vb_doc_docx = {
    .kind = VB_FORMAT_DOCX,
    .name = "DOCX",
    .text = &vb_format_docx,
    .props_part = "docProps/core.xml",
    .stored_part = NULL,
    .detect = docx_detect,
    .is_text_part = docx_is_text_part,
    .embed_fonts = vb_docx_embed_fonts,
    .next_mark_id = docx_next_mark_id,
    .custom_parts = vb_docx_custom_parts,
    .record_custom = vb_docx_record_custom,
    .read_custom = vb_docx_read_custom,
    .adds = &vb_add_rules_docx,
};
