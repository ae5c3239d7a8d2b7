/* Fuzz the data loader: vb_json_parse on the bytes, then, when it parses,
 * the document model (vb_model_build: validation and every computed field)
 * with two flag sets, and the public loader (vb_data_load_memory) the CLI
 * uses. Every failure must come with an error diagnostic. The same bytes
 * read from a file in small chunks (vb_json_parse_file_chunked, the path of
 * `vanban render DATA.json`) must give the same tree and the same
 * diagnostics, wherever the chunks cut tokens and characters. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/json.h"
#include "fuzz_common.h"
#include "model/model.h"
#include "tpl/expr.h"
#include "util/arena.h"

/* Diagnostics as one text, to compare two runs. */
static void diags_text(const vb_diags *d, vb_buf *out) {
  for (size_t i = 0; i < vb_diags_count(d); i++) {
    vb_buf_puts(out, vb_diag_text(vb_diags_get(d, i)));
    vb_buf_putc(out, '\n');
  }
}

static void check_chunked(const uint8_t *data, size_t size, vb_value *root, const vb_diags *d) {
  static char path[64];
  if (!path[0]) snprintf(path, sizeof path, "/tmp/fuzz_json.%ld.json", (long)getpid());
  FILE *f = fopen(path, "wb");
  if (!f) return;
  if (size) fwrite(data, 1, size, f);
  fclose(f);
  size_t chunk = size ? 1 + data[0] % 61 : 1;
  vb_arena *a = vb_arena_new();
  vb_diags *fd = vb_diags_new();
  int io = 0;
  vb_value *froot = vb_json_parse_file_chunked(a, path, 1u << 30, "fuzz.json", fd, &io, chunk);
  if (io || !froot != !root) abort();
  vb_buf x = VB_BUF_INIT, y = VB_BUF_INIT;
  diags_text(d, &x);
  diags_text(fd, &y);
  if (x.len != y.len || (x.len && memcmp(x.data, y.data, x.len) != 0)) abort();
  if (root) {
    vb_buf_clear(&x);
    vb_buf_clear(&y);
    vb_value_to_text(root, &x);
    vb_value_to_text(froot, &y);
    if (x.len != y.len || (x.len && memcmp(x.data, y.data, x.len) != 0)) abort();
  }
  vb_buf_free(&x);
  vb_buf_free(&y);
  vb_diags_free(fd);
  vb_arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *root = vb_json_parse(a, (const char *)data, size, "fuzz.json", d);
  if (!root && vb_diags_errors(d) == 0) abort();
  check_chunked(data, size, root, d);
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
