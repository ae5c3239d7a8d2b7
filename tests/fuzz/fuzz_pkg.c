/* Fuzz the package reader and the whole template pipeline on arbitrary zip
 * bytes: vb_pkg_open_memory, read every entry, then vb_template_open_memory
 * (format detection, every part parsed and compiled) and, when it opens,
 * vb_render_memory with small data, whose output must open again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "pkg/pkg.h"

/* "anh" is a picture (a 32 × 20 PNG) and "url" text with an address, for
 * templates that place them (`hinh`, `lien_ket`). */
static const char data_json[] =
    "{\"don_vi\": {\"ten\": \"UBND xã Hà Tân\"}, \"n\": 12, \"ds\": [{\"ten\": \"Một\"}, "
    "{\"ten\": \"Hai\"}], \"t\": true, \"s\": \"A & B <c>\", \"url\": \"xem "
    "https://dichvucong.gov.vn/.\", \"anh\": "
    "\"data:image/"
    "png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAUCAIAAABj86gYAAAACXBIWXMAAC4jAAAuIwF4pT92AAAAfElE"
    "QVR4nLXPsQ2AMBBDUWeR1GED9q+yAT2LQIFkpITA5fC5cvf0E3DUvCBsqeay7huAICbVXK4XxNwAGa3R"
    "AlCnPABkJMYQgCjlDZAw3wAZn2EF4E2ZAHzMNEDGaDgBmFP8gJH5C5AZGRoA4xQZQKYxxAC6FD3QMFEA"
    "mRM6mk4eXcEdmQAAAABJRU5ErkJggg==\"}";
static vb_data *fixed_data;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!fixed_data) {
    vb_diags *d = vb_diags_new();
    fixed_data = vb_data_load_memory(data_json, sizeof data_json - 1, "data.json", VB_DATA_RAW, d);
    vb_diags_free(d);
    if (!fixed_data) abort();
  }
  vb_diags *d = vb_diags_new();
  vb_pkg *p = vb_pkg_open_memory(data, size, "fuzz.zip", NULL, d);
  if (!p && vb_diags_errors(d) == 0) abort();
  if (p) {
    size_t n = vb_pkg_count(p);
    for (size_t i = 0; i < n; i++) {
      const char *name = vb_pkg_name(p, i);
      if (!name || vb_pkg_find(p, name) < 0) abort();
      char *bytes = NULL;
      size_t len = 0;
      if (vb_pkg_read(p, i, &bytes, &len, d) == 0) {
        if (len != vb_pkg_size(p, i) || bytes[len] != 0) abort();
        free(bytes);
      }
    }
    vb_pkg_free(p);
  }
  vb_diags_clear(d);

  vb_template *t = vb_template_open_memory(data, size, "fuzz.docx", 0, d);
  if (!t && vb_diags_errors(d) == 0) abort();
  if (t) {
    size_t nf = vb_template_field_count(t);
    for (size_t i = 0; i < nf; i++) {
      vb_field f;
      if (vb_template_field(t, i, &f) != 0 || !f.text || !f.kind) abort();
    }
    for (unsigned flags = 0; flags < 2; flags++) {
      void *out = NULL;
      size_t out_len = 0;
      vb_status st =
          vb_render_memory(t, fixed_data, flags ? VB_RENDER_LENIENT : 0, &out, &out_len, d);
      if (st == VB_OK) {
        /* The output is a package vanban itself accepts. */
        vb_diags *d2 = vb_diags_new();
        vb_pkg *q = vb_pkg_open_memory(out, out_len, "rendered.zip", NULL, d2);
        if (!q) {
          fprintf(stderr, "rendered package does not open: %s\n",
                  vb_diags_count(d2) ? vb_diag_text(vb_diags_get(d2, 0)) : "?");
          abort();
        }
        vb_pkg_free(q);
        vb_diags_free(d2);
        free(out);
      } else if (vb_diags_errors(d) == 0) {
        abort();
      }
    }
    vb_template_free(t);
  }
  vb_diags_free(d);
  return 0;
}
