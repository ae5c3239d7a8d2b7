/* Fuzz the document reader and every proofreading rule on arbitrary zip
 * bytes: vb_doc_read_memory (format detection, styles, sections, headers,
 * text boxes) and, when it reads, every rule and every finding's place. A
 * refusal must come with an error. */
#include <stdint.h>
#include <stdlib.h>

#include "fmt/doc.h"
#include "fuzz_common.h"
#include "proof/proof.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_diags *d = vb_diags_new();
  vb_doc *doc = vb_doc_read_memory(data, size, "fuzz.docx", d);
  if (!doc && vb_diags_errors(d) == 0) abort();
  if (doc) {
    vb_proof p = {0};
    p.doc = doc;
    p.a = vb_arena_new();
    proof_run(&p);
    for (size_t i = 0; i < p.n; i++)
      if (!proof_place(&p, &p.f[i])) abort();
    proof_free(&p);
    vb_arena_free(p.a);
    vb_doc_free(doc);
  }
  vb_diags_free(d);
  return 0;
}
