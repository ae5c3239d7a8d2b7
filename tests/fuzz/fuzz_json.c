/* Fuzz the data loader: vb_json_parse on the bytes, then, when it parses,
 * the document model (vb_model_build: validation and every computed field)
 * with two flag sets, and the public loader (vb_data_load_memory) the CLI
 * uses. Every failure must come with an error diagnostic. */
#include <stdint.h>
#include <stdlib.h>

#include "data/json.h"
#include "fuzz_common.h"
#include "model/model.h"
#include "tpl/expr.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *root = vb_json_parse(a, (const char *)data, size, "fuzz.json", d);
  if (!root && vb_diags_errors(d) == 0) abort();
  if (root) {
    vb_buf b = VB_BUF_INIT;
    vb_value_to_text(root, &b);
    vb_buf_free(&b);
    vb_model_template_name(root);
    static const unsigned flag_sets[] = {0, VB_MODEL_ISSUED | VB_MODEL_NORMALIZE_TONE_OLD,
                                         VB_MODEL_NORMALIZE_TONE_NEW};
    for (size_t i = 0; i < sizeof flag_sets / sizeof flag_sets[0]; i++) {
      vb_diags *md = vb_diags_new();
      vb_value *view = vb_model_build(a, root, "fuzz.json", flag_sets[i], md);
      if (!view && vb_diags_errors(md) == 0) abort();
      if (view && vb_diags_errors(md) != 0) abort();
      vb_diags_free(md);
    }
  }
  vb_diags_free(d);
  vb_arena_free(a);

  d = vb_diags_new();
  vb_data *vd = vb_data_load_memory((const char *)data, size, "fuzz.json", 0, d);
  if (!vd && vb_diags_errors(d) == 0) abort();
  vb_data_free(vd);
  vb_diags_free(d);
  return 0;
}
