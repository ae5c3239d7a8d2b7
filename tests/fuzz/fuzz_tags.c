/* Fuzz the template language: the bytes are
 *   1. an expression: vb_expr_parse, then vb_expr_eval against a fixed data
 *      tree (so the evaluator and every filter are reached), its text, the
 *      names it reads and its path text;
 *   2. the text of one paragraph of a DOCX document.xml, split over two runs
 *      at a point chosen by the first byte (tags split across runs);
 *   3. the inside of a `{{ … }}` tag and of a `{% … %}` tag (with the
 *      matching end tag added for `for`/`if`),
 * each compiled with vb_tpl_compile_part(&vb_format_docx) and rendered
 * against the data, strict and lenient. A successful render must be
 * well-formed XML. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/json.h"
#include "fuzz_common.h"
#include "tpl/expr.h"
#include "tpl/tpl.h"
#include "util/arena.h"

static const char data_json[] =
    "{\"don_vi\": {\"ten\": \"UBND xã Hà Tân\", \"ma\": \"HT\", \"cap\": \"xã\"},"
    " \"n\": 12, \"x\": 4.5, \"neg\": -3, \"big\": 1e300, \"tiny\": 5e-324, \"zero\": 0,"
    " \"t\": true, \"f\": false, \"z\": null, \"s\": \"Ba mươi  tư\\nhai\\tba\", \"empty\": \"\","
    " \"amp\": \"A & B <c> \\\"q\\\"\", \"ngay\": \"2024-06-30\", \"ngay_sai\": \"2024-13-45\","
    " \"ds\": [{\"ten\": \"Một\", \"so\": 1}, {\"ten\": \"Hai\", \"so\": 2.5},"
    " {\"ten\": \"Ba\", \"so\": null}], \"nums\": [3, 1, 2, -7.25, 1e20],"
    " \"strs\": [\"đ\", \"Ă\", \"a\", \"\"], \"rows\": [[1, 2], [3, [4, 5]]],"
    " \"obj\": {\"a\": 1, \"b\": \"x\", \"c\": [], \"d\": {}}, \"Tên\": \"khóa có dấu\"}";

static vb_arena *data_arena;
static vb_value *data_root;

static void init_data(void) {
  if (data_root) return;
  data_arena = vb_arena_new();
  vb_diags *d = vb_diags_new();
  data_root = vb_json_parse(data_arena, data_json, sizeof data_json - 1, "data.json", d);
  vb_diags_free(d);
  if (!data_root) abort();
}

static void count_name(void *ud, const char *name) {
  if (!name) abort();
  ++*(size_t *)ud;
}

static void fuzz_expr(const uint8_t *data, size_t size) {
  vb_arena *a = vb_arena_new();
  const char *err = NULL;
  size_t err_off = 0;
  vb_expr *e = vb_expr_parse(a, (const char *)data, size, &err, &err_off);
  if (!e) {
    if (!err || err_off > size) abort(); /* a failure must say what and where */
  } else {
    vb_eval ev = {.a = a, .root = data_root};
    vb_eval_push(&ev, "item", data_root->u.obj.items[0].val);
    vb_eval_push(&ev, "i", vb_val_num(a, 2));
    vb_value *v = vb_expr_eval(&ev, e);
    if (v) {
      vb_buf b = VB_BUF_INIT;
      vb_value_to_text(v, &b);
      vb_buf_free(&b);
    }
    vb_eval_pop(&ev, 2);
    free(ev.vars);
    size_t names = 0;
    vb_expr_collect_names(e, count_name, &names);
    vb_buf p = VB_BUF_INIT;
    vb_expr_path_text(e, &p);
    vb_buf_free(&p);
  }
  vb_arena_free(a);
}

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

/* Compile one document.xml and render it, strict and lenient. */
static void compile_render(const char *xml, size_t len) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_tag **tags = NULL;
  size_t ntags = 0, cap = 0;
  vb_part_tpl *pt = vb_tpl_compile_part(a, &vb_format_docx, "fuzz.docx", "word/document.xml", xml,
                                        len, &tags, &ntags, &cap, d);
  if (!pt && vb_diags_errors(d) == 0) abort(); /* failure without a reason */
  size_t names = 0;
  for (size_t i = 0; i < ntags; i++)
    vb_expr_collect_names(tags[i]->expr, count_name, &names);
  if (pt) {
    /* Strict and lenient, without and with marks (which rewrite the runs
     * around values). */
    for (unsigned flags = 0; flags < 4; flags++) {
      vb_render_ctx rc = {0};
      rc.ev.a = vb_arena_new();
      rc.ev.root = data_root;
      rc.fmt = &vb_format_docx;
      rc.tpl_name = "fuzz.docx";
      rc.flags = (flags & 1 ? VB_TPL_LENIENT : 0) | (flags & 2 ? VB_TPL_MARKS : 0);
      rc.d = d;
      vb_buf out = VB_BUF_INIT;
      int r = vb_tpl_render_part(&rc, pt, &out);
      if (r == 0)
        fz_check_well_formed(vb_buf_cstr(&out), out.len, "word/document.xml");
      else if (vb_diags_errors(d) == 0)
        abort();
      vb_buf_free(&out);
      vb_buf_free(&rc.item_key);
      free(rc.ev.vars);
      vb_arena_free(rc.ev.a);
    }
  }
  vb_diags_free(d);
  vb_arena_free(a);
}

static void doc_open(vb_buf *b) {
  vb_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                 "<w:document " W_NS "><w:body>");
}
static void doc_close(vb_buf *b) { vb_buf_puts(b, "<w:sectPr/></w:body></w:document>"); }

static void fuzz_paragraph(const uint8_t *data, size_t size) {
  size_t split = size ? data[0] % (size + 1) : 0;
  vb_buf b = VB_BUF_INIT;
  doc_open(&b);
  vb_buf_puts(&b, "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">");
  fz_put_xml_text(&b, data, split);
  vb_buf_puts(&b, "</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t>");
  fz_put_xml_text(&b, data + split, size - split);
  vb_buf_puts(&b, "</w:t></w:r></w:p>");
  doc_close(&b);
  compile_render(b.data, b.len);
  vb_buf_free(&b);
}

static int starts_with_word(const uint8_t *data, size_t size, const char *w) {
  size_t i = 0, n = strlen(w);
  while (i < size && (data[i] == ' ' || data[i] == '-'))
    i++;
  return size - i >= n && memcmp(data + i, w, n) == 0 && (size - i == n || data[i + n] == ' ');
}

static void fuzz_tag(const uint8_t *data, size_t size, int statement) {
  vb_buf b = VB_BUF_INIT;
  doc_open(&b);
  vb_buf_puts(&b, "<w:p><w:r><w:t>Trước </w:t></w:r><w:r><w:t>");
  vb_buf_puts(&b, statement ? "{% " : "{{ ");
  fz_put_xml_text(&b, data, size);
  vb_buf_puts(&b, statement ? " %}" : " }}");
  vb_buf_puts(&b, " sau</w:t></w:r></w:p>");
  if (statement) {
    vb_buf_puts(&b, "<w:p><w:r><w:t>{{ loop.index if loop is defined else n }}</w:t></w:r></w:p>");
    if (starts_with_word(data, size, "for"))
      vb_buf_puts(&b, "<w:p><w:r><w:t>{% endfor %}</w:t></w:r></w:p>");
    else if (starts_with_word(data, size, "if"))
      vb_buf_puts(&b, "<w:p><w:r><w:t>{% endif %}</w:t></w:r></w:p>");
  }
  doc_close(&b);
  compile_render(b.data, b.len);
  vb_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096) return 0; /* one tag, not a document */
  init_data();
  fuzz_expr(data, size);
  fuzz_paragraph(data, size);
  fuzz_tag(data, size, 0);
  fuzz_tag(data, size, 1);
  return 0;
}
