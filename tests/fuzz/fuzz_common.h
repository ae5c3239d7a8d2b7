/* Helpers shared by the libFuzzer harnesses (header-only: each harness is
 * one translation unit). */
#ifndef VB_FUZZ_COMMON_H
#define VB_FUZZ_COMMON_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "vanban.h"
#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Append bytes as XML character data: every valid UTF-8 sequence of a
 * character XML 1.0 allows is kept (& < > escaped), anything else becomes
 * '?'. So arbitrary bytes reach the tag parser instead of being stopped by
 * the XML parser. */
static inline void fz_put_xml_text(vb_buf *b, const uint8_t *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t len = 1;
    uint32_t cp = c;
    if (c < 0x80) {
      len = 1;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      vb_buf_putc(b, '?');
      i++;
      continue;
    }
    int ok = i + len <= n;
    for (size_t k = 1; ok && k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80)
        ok = 0;
      else
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (ok && ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))) ok = 0;
    if (ok && ((cp < 0x20 && cp != 9 && cp != 10 && cp != 13) || (cp >= 0xD800 && cp <= 0xDFFF) ||
               cp == 0xFFFE || cp == 0xFFFF))
      ok = 0;
    if (!ok) {
      vb_buf_putc(b, '?');
      i++;
      continue;
    }
    if (c == '&')
      vb_buf_puts(b, "&amp;");
    else if (c == '<')
      vb_buf_puts(b, "&lt;");
    else if (c == '>')
      vb_buf_puts(b, "&gt;");
    else
      vb_buf_put(b, s + i, len);
    i += len;
  }
}

/* Oracle: a part that compiled and rendered without error must be
 * well-formed XML again. Aborts (a crash for libFuzzer) otherwise. */
static inline void fz_check_well_formed(const char *xml, size_t len, const char *what) {
  vb_diags *d = vb_diags_new();
  xmlDocPtr doc = vb_xml_parse(xml, len, "rendered", what, VB_EINTERNAL, d);
  if (!doc) {
    fprintf(stderr, "rendered %s is not well-formed XML: %s\n--- output ---\n%.*s\n--- end ---\n",
            what, vb_diags_count(d) ? vb_diag_text(vb_diags_get(d, 0)) : "?",
            (int)(len > 4000 ? 4000 : len), xml);
    abort();
  }
  xmlFreeDoc(doc);
  vb_diags_free(d);
}

#endif
