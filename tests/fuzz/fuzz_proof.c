/* Fuzz the prose and consistency rules on arbitrary text: each line of the
 * input (valid UTF-8 kept, anything else replaced) is a paragraph of a
 * view, and every rule runs on it: the number reader, ratios, sums,
 * repeated figures, names, tone marks, numbering, appendices. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/doc.h"
#include "fuzz_common.h"
#include "proof/proof.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_buf text = VB_BUF_INIT;
  fz_put_xml_text(&text, data, size);
  vb_doc *doc = vb_doc_new("fuzz.txt");
  const char *s = text.data ? text.data : "";
  /* fz_put_xml_text escapes & < >: undo that, the view holds plain text */
  vb_buf plain = VB_BUF_INIT;
  for (size_t i = 0; i < text.len;) {
    if (!strncmp(s + i, "&amp;", 5))
      vb_buf_putc(&plain, '&'), i += 5;
    else if (!strncmp(s + i, "&lt;", 4))
      vb_buf_putc(&plain, '<'), i += 4;
    else if (!strncmp(s + i, "&gt;", 4))
      vb_buf_putc(&plain, '>'), i += 4;
    else
      vb_buf_putc(&plain, s[i++]);
  }
  const char *t = plain.data ? plain.data : "";
  size_t start = 0;
  for (size_t i = 0; i <= plain.len; i++)
    if (i == plain.len || t[i] == '\n') {
      vb_doc_add_text(doc, t + start, i - start);
      start = i + 1;
    }
  vb_proof p = {0};
  p.doc = doc;
  p.a = vb_arena_new();
  proof_run(&p);
  for (size_t i = 0; i < p.n; i++)
    if (!proof_place(&p, &p.f[i])) abort();
  proof_free(&p);
  vb_arena_free(p.a);
  vb_doc_free(doc);
  vb_buf_free(&text);
  vb_buf_free(&plain);
  return 0;
}
