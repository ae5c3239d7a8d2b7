/* vanban update: a generated document, edited by a person, gets the values
 * of corrected data — and keeps every manual edit.
 *
 * The new values come from rendering the template with the new data (the
 * same engine, so the same text). The document's marks (src/tpl/mark.h) say
 * where each old value is; the text between a mark's start and end is
 * replaced only when it is still what vanban wrote (its hash is in the mark
 * name). Text a person overwrote is reported and kept (--force replaces it).
 * Loop items the new data adds, removes or reorders are dealt with first
 * (items.c). A document records which template made it (custom properties,
 * vb_tpl_package_props): with a template of other tags its marks name other
 * values, so update refuses it. Nothing here knows DOCX or ODT: the
 * format's rules find, read and rewrite marks (fmt/marks.h). */
#include "update/update.h"

#include <stdint.h>

#include <stdlib.h>
#include <string.h>

#include "fmt/document.h"
#include "fmt/marks.h"
#include "pkg/pkg.h"
#include "tpl/mark.h"
#include "update/internal.h"
#include "util/buf.h"
#include "util/diag.h"
#include "xml/xml.h"

/* --- the new values ------------------------------------------------------- */

/* Every part the template renders, kept with its trace. */
static int keep_part(void *ud, const char *part, const char *xml, size_t len, vb_tpl_trace *trace) {
  upd *u = ud;
  u->parts = vb_xrealloc(u->parts, (u->nparts + 1) * sizeof(upd_fresh));
  upd_fresh *f = &u->parts[u->nparts++];
  f->name = vb_xstrdup(part);
  f->xml = vb_xstrndup(xml, len);
  f->len = len;
  f->trace = *trace; /* taken over */
  memset(trace, 0, sizeof *trace);
  trace->cur = SIZE_MAX;
  return 0;
}

static void index_values(upd *u) {
  u->seen = vb_xcalloc(u->nparts + 1, sizeof(unsigned char *));
  for (size_t p = 0; p < u->nparts; p++) {
    const vb_tpl_trace *t = &u->parts[p].trace;
    u->seen[p] = vb_xcalloc(t->nvalues + 1, 1);
    for (size_t i = 0; i < t->nvalues; i++)
      upd_strmap_add(&u->values, t->values[i].name, t->values[i].prefix_len, p << 32 | i);
  }
}

const vb_tpl_trace_value *upd_value(const upd *u, const char *prefix, size_t len, size_t *part,
                                    size_t *index) {
  size_t k = upd_strmap_get(&u->values, prefix, len);
  if (k == SIZE_MAX) return NULL;
  size_t p = k >> 32, i = k & 0xffffffffu;
  if (part) *part = p;
  if (index) *index = i;
  return &u->parts[p].trace.values[i];
}

void upd_handled(upd *u, const char *prefix, size_t len) {
  if (u->nkeys == u->keys_cap) {
    u->keys_cap = u->keys_cap ? u->keys_cap * 2 : 16;
    u->keys = vb_xrealloc(u->keys, u->keys_cap * sizeof(char *));
  }
  char *key = vb_xstrndup(prefix, len);
  u->keys[u->nkeys++] = key;
  upd_strmap_add(&u->handled, key, len, 1);
}

static void free_upd(upd *u) {
  for (size_t p = 0; p < u->nparts; p++) {
    free(u->parts[p].name);
    free(u->parts[p].xml);
    vb_tpl_trace_free(&u->parts[p].trace);
    free(u->seen ? u->seen[p] : NULL);
  }
  free(u->parts);
  free(u->seen);
  for (size_t i = 0; i < u->nkeys; i++)
    free(u->keys[i]);
  free(u->keys);
  upd_strmap_free(&u->values);
  upd_strmap_free(&u->handled);
  vb_buf_free(&u->doc_text);
}

/* --- one mark at a time ---------------------------------------------------- */

typedef struct updater {
  upd *u;
  const vb_tpl_package *t;
  unsigned flags;
  vb_diags *d;
  const char *doc_name;
  const char *part;
  size_t replaced, kept, unchanged;
  /* The fresh part of the values being updated, parsed when first needed
   * (the text around a value as the template writes it). */
  size_t fresh_index;
  xmlDoc *fresh_doc;
  vb_part_marks *fresh_marks;
} updater;

static void drop_fresh(updater *u) {
  vb_marks_free(u->fresh_marks);
  if (u->fresh_doc) xmlFreeDoc(u->fresh_doc);
  u->fresh_marks = NULL;
  u->fresh_doc = NULL;
}

/* The text the template writes around value `name` (fresh part vpart):
 * before it in its paragraph, and after it to the paragraph's end. 0, or -1
 * when it cannot be told. */
static int fresh_around(updater *u, size_t vpart, const char *name, size_t plen, vb_buf *before,
                        vb_buf *after) {
  if (!u->fresh_doc || u->fresh_index != vpart) {
    drop_fresh(u);
    const upd_fresh *f = &u->u->parts[vpart];
    vb_diags *quiet = vb_diags_new();
    u->fresh_doc = vb_xml_parse(f->xml, f->len, "", f->name, VB_EINTERNAL, quiet);
    vb_diags_free(quiet);
    if (!u->fresh_doc) return -1;
    u->fresh_index = vpart;
    u->fresh_marks = vb_marks_read(u->t->doc->text, u->fresh_doc, VB_MARK_PREFIX);
  }
  for (size_t k = 0; k < vb_marks_count(u->fresh_marks); k++) {
    if (strncmp(vb_marks_name(u->fresh_marks, k), name, plen) != 0) continue;
    return vb_marks_text_before(u->fresh_marks, k, before) == 0 &&
                   vb_marks_text_after(u->fresh_marks, k, after) == 0
               ? 0
               : -1;
  }
  return -1;
}

/* Word joins a value's run to the template's text next to it when they look
 * the same, so that the bookmark encloses the whole run (or ends after the
 * paragraph mark): the mark's text is then the value with [0, from) and
 * [to, len) of that text around it. Text a person typed there is not. */
static int template_text_around(updater *u, size_t vpart, const char *name, size_t plen,
                                vb_buf *cur, size_t from, size_t to) {
  vb_buf before = VB_BUF_INIT, after = VB_BUF_INIT;
  int ok = fresh_around(u, vpart, name, plen, &before, &after) == 0;
  vb_buf_putc(&after, '\n'); /* the paragraph mark */
  ok = ok && from <= before.len &&
       memcmp(vb_buf_cstr(&before) + before.len - from, vb_buf_cstr(cur), from) == 0 &&
       cur->len - to <= after.len &&
       memcmp(vb_buf_cstr(&after), vb_buf_cstr(cur) + to, cur->len - to) == 0;
  vb_buf_free(&before);
  vb_buf_free(&after);
  return ok;
}

/* A value's text for a message: whole when short, else about 60
 * characters from a little before byte `at` (where it differs from what it
 * is compared with), with "…" for what is left out. */
static void quote(const char *s, size_t len, size_t at, vb_buf *out) {
  const size_t before = 20, width = 60;
  size_t chars = 0;
  for (size_t k = 0; k < len; k++)
    chars += ((unsigned char)s[k] & 0xc0) != 0x80;
  size_t from = 0, to = len;
  if (chars > width + 10) {
    size_t back = 0;
    from = at < len ? at : len;
    while (from > 0 && back < before) {
      from--;
      back += ((unsigned char)s[from] & 0xc0) != 0x80;
    }
    while (from > 0 && ((unsigned char)s[from] & 0xc0) == 0x80)
      from--;
    size_t n = 0;
    for (to = from; to < len && n < width; to++)
      n += ((unsigned char)s[to] & 0xc0) != 0x80;
    while (to < len && ((unsigned char)s[to] & 0xc0) == 0x80)
      to++;
  }
  vb_buf_printf(out, "\"%s", from > 0 ? "…" : "");
  for (size_t k = from; k < to; k++)
    vb_buf_putc(out, s[k] == '\n' || s[k] == '\t' ? ' ' : s[k]);
  vb_buf_printf(out, "%s\"", to < len ? "…" : "");
}

/* The first byte where a and b differ (at a character's start). */
static size_t first_difference(const char *a, size_t alen, const char *b, size_t blen) {
  size_t k = 0;
  while (k < alen && k < blen && a[k] == b[k])
    k++;
  while (k > 0 && k < alen && ((unsigned char)a[k] & 0xc0) == 0x80)
    k--;
  return k;
}

/* "word/document.xml, bảng 1, hàng 2, ô 3, đoạn 40 (2.1. Tiêu chí số
 * 5: Tỷ lệ hộ…)": where mark i is, with the first words of its paragraph
 * as a person finds it in the document. */
static void mark_where(updater *u, vb_part_marks *marks, size_t i, vb_buf *out) {
  vb_buf_printf(out, "%s, ", u->part);
  vb_marks_where(u->t->doc->text, vb_marks_start(marks, i), out);
  vb_buf para = VB_BUF_INIT;
  if (vb_marks_text_before(marks, i, &para) == 0) {
    vb_marks_text(marks, i, &para);
    vb_marks_text_after(marks, i, &para);
    /* up to 8 words of its first line */
    const char *s = vb_buf_cstr(&para), *end = s + strcspn(s, "\n");
    while (s < end && (*s == ' ' || *s == '\t'))
      s++;
    const char *e = s;
    for (int words = 0; e < end && words < 8; words++) {
      while (e < end && *e != ' ' && *e != '\t')
        e++;
      while (e < end && (*e == ' ' || *e == '\t'))
        e++;
    }
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
      e--;
    if (e > s) vb_buf_printf(out, " (%.*s%s)", (int)(e - s), s, e < end ? "…" : "");
  }
  vb_buf_free(&para);
}

/* Bytes of the template's text that Word may have put around a value inside
 * its mark. */
enum { AROUND_VALUE = 200 };

static void update_mark(updater *u, vb_part_marks *marks, size_t i) {
  const char *name = vb_marks_name(marks, i);
  unsigned tag_id;
  size_t plen;
  uint32_t vhash;
  if (vb_mark_parse(name, &tag_id, &plen, &vhash) != 0) return;
  if (upd_strmap_get(&u->u->handled, name, plen) != SIZE_MAX) return;
  vb_buf cur = VB_BUF_INIT, where = VB_BUF_INIT, shown = VB_BUF_INIT, wanted = VB_BUF_INIT;
  vb_marks_text(marks, i, &cur);
  const vb_tag *tag = vb_tpl_package_tag(u->t, tag_id);
  const char *tag_text = tag ? tag->text : "a value";
  size_t vpart = 0, vindex = 0;
  const vb_tpl_trace_value *e = upd_value(u->u, name, plen, &vpart, &vindex);
  mark_where(u, marks, i, &where);
  if (!e) {
    const vb_tag *loop = vb_tpl_package_loop_of(u->t, tag_id);
    quote(vb_buf_cstr(&cur), cur.len, 0, &shown);
    if (loop)
      vb_error_rule(u->d, VB_EDATA, "update.muc-bo", u->doc_name, where.data,
                    "xóa mục đó bằng tay (hoặc tạo lại văn bản bằng `vanban render`) rồi chạy "
                    "lại update",
                    "văn bản còn một mục của danh sách %s (mẫu: %s) mà dữ liệu mới không có "
                    "nữa, nằm lẫn trong đoạn văn khác: %s",
                    loop->text, loop->where, shown.data);
    else
      vb_error_rule(u->d, VB_EDATA, "update.dieu-kien", u->doc_name, where.data,
                    "tạo lại văn bản bằng `vanban render` rồi chép các chỗ sửa tay sang",
                    "giá trị ở đây (%s) không còn được in với dữ liệu mới (một điều kiện đã "
                    "đổi): %s",
                    tag_text, shown.data);
    u->u->errors++;
    goto done;
  }
  u->u->seen[vpart][vindex] = 1;
  int differs = cur.len != e->len || memcmp(vb_buf_cstr(&cur), e->text, e->len) != 0;
  if (differs && vb_marks_in_change(marks, i)) {
    /* Rewriting it would take the person's tracked change with it. */
    size_t at = first_difference(vb_buf_cstr(&cur), cur.len, e->text, e->len);
    quote(vb_buf_cstr(&cur), cur.len, at, &shown);
    quote(e->text, e->len, at, &wanted);
    vb_warn_rule(u->d, VB_EDATA, "update.theo-doi", u->doc_name, where.data,
                 "chấp nhận hoặc từ chối các thay đổi ở đó (Word: Review › Accept/Reject; "
                 "LibreOffice: Edit › Track Changes › Manage) rồi chạy lại update",
                 "giá trị ở đây nằm trong một thay đổi đang được theo dõi (track changes): không "
                 "ghi lại, kể cả với --force; văn bản ghi %s, dữ liệu mới ghi %s",
                 shown.data, wanted.data);
    u->kept++;
    goto done;
  }
  int by_hand = vb_mark_hash(vb_buf_cstr(&cur), cur.len) != vhash;
  int moved = 0;
  if (by_hand && vb_marks_has_end(marks, i)) {
    /* LibreOffice 7.4 moves a bookmark that starts a table cell's first
     * paragraph one character to the right when it saves. Accept the value
     * when the few characters between the paragraph start and the mark,
     * followed by the range, are exactly what vanban wrote. */
    vb_buf both = VB_BUF_INIT;
    if (vb_marks_text_before(marks, i, &both) == 0) {
      size_t pre = both.len;
      vb_buf_put(&both, vb_buf_cstr(&cur), cur.len);
      if (pre > 0 && pre <= 8 && vb_mark_hash(vb_buf_cstr(&both), both.len) == vhash) {
        by_hand = 0;
        moved = 1;
        vb_buf_clear(&cur);
        vb_buf_put(&cur, vb_buf_cstr(&both), both.len);
      }
    }
    vb_buf_free(&both);
  }
  size_t from, to;
  if (by_hand && vb_marks_has_end(marks, i) &&
      vb_mark_find(vb_buf_cstr(&cur), cur.len, vhash, AROUND_VALUE, &from, &to) &&
      template_text_around(u, vpart, name, plen, &cur, from, to) &&
      vb_marks_narrow(marks, i, from, to) == 0) {
    /* The value is what vanban wrote; the template's text around it goes
     * back outside the mark. */
    by_hand = 0;
    memmove(cur.data, cur.data + from, to - from);
    cur.len = to - from;
    cur.data[cur.len] = '\0';
  }
  differs = cur.len != e->len || memcmp(vb_buf_cstr(&cur), e->text, e->len) != 0;
  if (by_hand && !(u->flags & VB_UPDATE_FORCE)) {
    if (differs) {
      size_t at = first_difference(vb_buf_cstr(&cur), cur.len, e->text, e->len);
      quote(vb_buf_cstr(&cur), cur.len, at, &shown);
      quote(e->text, e->len, at, &wanted);
      vb_warn_rule(u->d, VB_EDATA, "update.sua-tay", u->doc_name, where.data,
                   "xem lại chỗ này; `vanban update --force` thay cả giá trị đã sửa tay",
                   "giá trị ở đây đã được sửa tay thành %s: giữ nguyên; dữ liệu mới ghi %s",
                   shown.data, wanted.data);
      u->kept++;
    }
    goto done;
  }
  vb_buf newname = VB_BUF_INIT;
  vb_buf_put(&newname, name, plen);
  vb_mark_value_suffix(&newname, e->text, e->len);
  if (differs && tag &&
      (e->styled || !vb_marks_plain(marks, i) || (tag->rich && !vb_marks_one_look(marks, i)))) {
    /* A value whose old or new form is more than its text — bold or italic
     * pieces ({{ x | dinh_dang }}), links (lien_ket): marks give back the
     * text, not the pieces, so rewriting it would lose or misplace them. It
     * is kept, and said so. A value that is plain on both sides is
     * rewritten like any other. (A picture's text is always empty: it
     * never differs, and stays as it is.) */
    vb_warn_rule(u->d, VB_EDATA, "update.dinh-dang", u->doc_name, where.data,
                 "tạo lại văn bản bằng `vanban render`, hoặc sửa chữ ở đây bằng tay",
                 "giá trị ở đây có chữ đậm, nghiêng hay liên kết (dinh_dang, lien_ket) mà "
                 "update không ghi lại: giữ \"%s\"; dữ liệu mới ghi \"%s\"",
                 vb_buf_cstr(&cur), e->text);
    u->kept++;
    vb_buf_free(&newname);
    goto done;
  }
  if (!differs) {
    u->unchanged++;
  } else {
    vb_marks_set_text(marks, i, e->text, moved);
    u->replaced++;
  }
  vb_marks_rename(marks, i, vb_buf_cstr(&newname));
  vb_buf_free(&newname);
done:
  vb_buf_free(&cur);
  vb_buf_free(&where);
  vb_buf_free(&shown);
  vb_buf_free(&wanted);
}

/* Process one part: every vanban mark in it. Returns how many there are. */
static size_t update_part(updater *u, const vb_format *fmt, xmlDocPtr doc) {
  xmlChar *text = xmlNodeGetContent(xmlDocGetRootElement(doc));
  if (text) {
    vb_buf_puts(&u->u->doc_text, (const char *)text);
    vb_buf_putc(&u->u->doc_text, '\n');
    xmlFree(text);
  }
  /* The marks are found first: updating changes the tree. */
  vb_part_marks *marks = vb_marks_read(fmt, doc, VB_MARK_PREFIX);
  size_t n = vb_marks_count(marks);
  for (size_t i = 0; i < n; i++)
    update_mark(u, marks, i);
  vb_marks_free(marks);
  drop_fresh(u);
  return n;
}

/* Values the new data shows that the document does not have: one message
 * per loop (with the first values as examples), one warning per other value.
 * Values that were never marked (document properties) cannot be looked for. */
static void report_unseen(upd *u) {
  const vb_tpl_package *tp = u->tp;
  size_t total = 0;
  for (size_t p = 0; p < u->nparts; p++)
    total += u->parts[p].trace.nvalues;
  for (size_t p = 0; p < u->nparts; p++) {
    const vb_tpl_trace *t = &u->parts[p].trace;
    for (size_t i = 0; i < t->nvalues; i++) {
      const vb_tpl_trace_value *v = &t->values[i];
      if (u->seen[p][i] || !v->marked) continue;
      /* the same identity found elsewhere (a value written twice) */
      size_t vp, vi;
      if (upd_value(u, v->name, v->prefix_len, &vp, &vi) && u->seen[vp][vi]) continue;
      const vb_tag *loop = vb_tpl_package_loop_of(tp, v->tag);
      const vb_tag *tag = vb_tpl_package_tag(tp, v->tag);
      if (!loop) {
        (void)tag;
        if (v->len)
          vb_warn_rule(
              u->d, VB_EDATA, "update.mat-dau", u->doc_name, NULL,
              "nếu vẫn cần, gõ giá trị này vào chỗ của nó trong văn bản; hoặc render lại bằng "
              "`vanban render` rồi chép các chỗ sửa tay sang",
              "giá trị \"%s\" không còn dấu (bookmark) của vanban trong văn bản: đã bị xóa hoặc "
              "gõ lại bằng tay; không khôi phục",
              v->text);
        continue;
      }
      size_t count = 0;
      int lost = 0;
      vb_buf examples = VB_BUF_INIT, lost_text = VB_BUF_INIT;
      for (size_t q = p; q < u->nparts; q++) {
        const vb_tpl_trace *tq = &u->parts[q].trace;
        for (size_t k = q == p ? i : 0; k < tq->nvalues; k++) {
          const vb_tpl_trace_value *w = &tq->values[k];
          if (u->seen[q][k] || !w->marked || vb_tpl_package_loop_of(tp, w->tag) != loop) continue;
          u->seen[q][k] = 1;
          count++;
          if (count <= 4 && w->len)
            vb_buf_printf(&examples, "%s\"%s\"", examples.len ? ", " : "", w->text);
          /* a value of some length found as it is in the document's text */
          if (!lost && w->len >= 8 && u->doc_text.len &&
              strstr(vb_buf_cstr(&u->doc_text), w->text)) {
            lost = 1;
            vb_buf_printf(&lost_text, "\"%s\"", w->text);
          }
        }
      }
      if (lost) {
        /* Its text is there, its marks are not: a person retyped or
         * pasted over it (Word drops the bookmarks of text typed over). */
        vb_error_rule(u->d, VB_EDATA, "update.mat-dau", u->doc_name, NULL,
                      "hoàn tác việc gõ lại (chỉ sửa chữ bên trong đoạn do vanban viết, không gõ "
                      "lại cả đoạn), hoặc render lại bằng `vanban render` rồi chép các chỗ sửa tay "
                      "sang",
                      "văn bản vẫn có %s nhưng đã mất dấu (bookmark) của vanban khi sửa tay (ví dụ "
                      "đề mục được gõ lại): update không biết chỗ để ghi giá trị mới (%zu giá trị "
                      "của %s, mẫu: %s)",
                      vb_buf_cstr(&lost_text), count, loop->text, loop->where);
      } else {
        vb_error_rule(
            u->d, VB_EDATA, "update.them-muc", u->doc_name, NULL,
            "render lại bằng `vanban render` rồi chép các chỗ sửa tay sang (đoạn hay "
            "dòng gõ tay không có dấu để update điền)",
            "dữ liệu mới thêm mục mà văn bản không có, và văn bản không còn đoạn hay dòng "
            "nào của danh sách này để đặt mục mới sau nó: %zu giá trị, ví dụ %s (mẫu: %s, "
            "%s)",
            count, vb_buf_cstr(&examples), loop->text, loop->where);
      }
      vb_buf_free(&examples);
      vb_buf_free(&lost_text);
      u->errors++;
    }
  }
  (void)total;
}

/* --- what made the document -------------------------------------------------- */

/* Custom property `name` of the package (malloc'd), or NULL. */
static char *doc_prop(vb_pkg *pkg, const vb_doc_format *f, const char *name, vb_diags *d) {
  if (!f->read_custom || !f->custom_parts) return NULL;
  long i = vb_pkg_find(pkg, f->custom_parts[0]);
  char *xml = NULL;
  size_t len = 0;
  if (i < 0 || vb_pkg_read(pkg, (size_t)i, &xml, &len, d) != 0) return NULL;
  char *v = f->read_custom(xml, len, name);
  free(xml);
  return v;
}

/* A document records the tags of the template that made it: with other
 * tags, its marks name other values. 0, or -1 with an error. */
static int check_template(const vb_tpl_package *tp, vb_pkg *pkg, const char *path, vb_diags *d) {
  char *tags = doc_prop(pkg, tp->doc, VB_PROP_TAGS, d);
  int ok = !tags || strcmp(tags, tp->tags_hash) == 0;
  if (!ok) {
    vb_custom_prop mine[VB_NPROPS];
    vb_tpl_package_props(tp, mine);
    char *name = doc_prop(pkg, tp->doc, VB_PROP_TEMPLATE, d);
    char *version = doc_prop(pkg, tp->doc, VB_PROP_VERSION, d);
    vb_error_rule(d, VB_EUSAGE, "update.mau-khac", path, NULL,
                  "chỉ ra mẫu đã dùng để tạo văn bản bằng -t, hoặc tạo lại văn bản",
                  "văn bản được tạo từ mẫu \"%s\" (vanban %s), có các thẻ khác với mẫu "
                  "\"%s\": không tìm được các giá trị của văn bản bằng mẫu này",
                  name ? name : "?", version ? version : "?", mine[0].value);
    free(name);
    free(version);
  }
  free(tags);
  return ok ? 0 : -1;
}

/* The updated document says it was last made with this template and this
 * vanban (a part the record changes is written again, the others copied). */
static int record_part(const vb_tpl_package *tp, vb_pkg *pkg, size_t i, vb_pkg_writer *w,
                       vb_diags *d) {
  const vb_doc_format *f = tp->doc;
  const char *name = vb_pkg_name(pkg, i);
  char *xml = NULL;
  size_t len = 0;
  if (vb_pkg_read(pkg, i, &xml, &len, d) != 0) return -1;
  vb_custom_prop props[VB_NPROPS];
  vb_tpl_package_props(tp, props);
  vb_buf out = VB_BUF_INIT;
  int rc = f->record_custom(name, xml, len, props, VB_NPROPS, &out, d);
  free(xml);
  if (rc == 1)
    vb_pkg_writer_add(w, name, out.data, out.len, 0);
  else if (rc == 0)
    vb_pkg_writer_copy_raw(w, pkg, i);
  vb_buf_free(&out);
  return rc < 0 ? -1 : 0;
}

static void record_new_part(const vb_tpl_package *tp, vb_pkg *pkg, vb_pkg_writer *w, vb_diags *d) {
  const vb_doc_format *f = tp->doc;
  if (!f->record_custom || !f->custom_parts || vb_pkg_find(pkg, f->custom_parts[0]) >= 0) return;
  vb_custom_prop props[VB_NPROPS];
  vb_tpl_package_props(tp, props);
  vb_buf out = VB_BUF_INIT;
  if (f->record_custom(f->custom_parts[0], NULL, 0, props, VB_NPROPS, &out, d) == 1)
    vb_pkg_writer_add(w, f->custom_parts[0], out.data, out.len, 0);
  vb_buf_free(&out);
}

static const upd_fresh *fresh_part(const upd *u, const char *name) {
  for (size_t p = 0; p < u->nparts; p++)
    if (strcmp(u->parts[p].name, name) == 0) return &u->parts[p];
  return NULL;
}

vb_status vb_update_package(const vb_tpl_package *tp, const vb_value *new_root,
                            const vb_tpl_files *files, const char *edited_path,
                            const char *out_path, unsigned flags, vb_diags *d) {
  upd u = {.tp = tp, .flags = flags, .d = d, .doc_name = edited_path};
  vb_status st = VB_OK;
  vb_pkg *pkg = NULL;
  vb_pkg_writer *w = NULL;
  size_t marks = 0;
  if (vb_tpl_package_trace(tp, new_root, VB_TPL_MARKS, files, keep_part, &u, d) != 0) {
    st = vb_diags_status(d) ? vb_diags_status(d) : VB_EDATA;
    goto done;
  }
  index_values(&u);
  pkg = vb_pkg_open_file(edited_path, NULL, d);
  if (!pkg) {
    st = vb_diags_status(d);
    goto done;
  }
  const vb_doc_format *doc_fmt = NULL;
  if (vb_doc_format_detect(pkg, &doc_fmt, d) != 0) {
    st = vb_diags_status(d);
    goto done;
  }
  if (doc_fmt != tp->doc) {
    vb_error_rule(d, VB_EUSAGE, "update.mau-khac", edited_path, NULL,
                  "chỉ ra mẫu cùng định dạng với văn bản (-t)", "văn bản là %s nhưng mẫu là %s",
                  doc_fmt ? doc_fmt->name : "tệp không phải văn bản DOCX hay ODT", tp->doc->name);
    st = VB_EUSAGE;
    goto done;
  }
  if (check_template(tp, pkg, edited_path, d) != 0) {
    st = VB_EUSAGE;
    goto done;
  }
  size_t n = vb_pkg_count(pkg);
  /* New range ids (for the marks of new items) above every id in use. */
  u.next_id = 1;
  for (size_t i = 0; i < n && tp->doc->next_mark_id; i++) {
    const char *name = vb_pkg_name(pkg, i);
    char *xml = NULL;
    size_t len = 0;
    size_t nl = strlen(name);
    if (nl < 4 || strcmp(name + nl - 4, ".xml") != 0) continue;
    if (vb_pkg_read(pkg, i, &xml, &len, d) != 0) {
      st = vb_diags_status(d);
      goto done;
    }
    u.next_id = tp->doc->next_mark_id(name, xml, len, u.next_id);
    free(xml);
  }
  w = vb_pkg_writer_new(-1);
  updater up = {.u = &u, .t = tp, .flags = flags, .d = d, .doc_name = edited_path};
  for (size_t i = 0; i < n; i++) {
    const char *name = vb_pkg_name(pkg, i);
    if (!tp->doc->is_text_part(name) && vb_doc_is_custom_part(tp->doc, name) &&
        tp->doc->record_custom) {
      if (record_part(tp, pkg, i, w, d) != 0) {
        st = vb_diags_status(d);
        goto done;
      }
      continue;
    }
    if (!tp->doc->is_text_part(name)) {
      vb_pkg_writer_copy_raw(w, pkg, i);
      continue;
    }
    char *xml = NULL;
    size_t len = 0;
    if (vb_pkg_read(pkg, i, &xml, &len, d) != 0) {
      st = vb_diags_status(d);
      goto done;
    }
    if (!strstr(xml, VB_MARK_PREFIX)) {
      free(xml);
      vb_pkg_writer_copy_raw(w, pkg, i);
      continue;
    }
    xmlDocPtr doc = vb_xml_parse(xml, len, edited_path, name, VB_ETEMPLATE, d);
    free(xml);
    if (!doc) {
      st = vb_diags_status(d);
      goto done;
    }
    u.part = up.part = name;
    upd_items(&u, tp->doc->text, doc, fresh_part(&u, name));
    marks += update_part(&up, tp->doc->text, doc);
    vb_marks_tidy(tp->doc->text, doc);
    xmlChar *outxml = NULL;
    int outlen = 0;
    xmlDocDumpMemoryEnc(doc, &outxml, &outlen, "UTF-8");
    vb_pkg_writer_add(w, name, outxml, (size_t)outlen, 0);
    xmlFree(outxml);
    xmlFreeDoc(doc);
  }
  if (marks == 0) {
    vb_error_rule(d, VB_EDATA, "update.khong-dau", edited_path, NULL,
                  "update chỉ sửa văn bản do `vanban render` tạo (từ bản 0.1); văn bản khác thì "
                  "tạo lại bằng `vanban render`",
                  "văn bản không có giá trị nào được vanban đánh dấu");
    st = VB_EDATA;
    goto done;
  }
  record_new_part(tp, pkg, w, d);
  report_unseen(&u);
  if (u.errors) {
    st = VB_EDATA;
    goto done;
  }
  if (vb_pkg_writer_finish_file(w, out_path, d) != 0) st = vb_diags_status(d);
done:
  vb_pkg_writer_free(w);
  vb_pkg_free(pkg);
  free_upd(&u);
  return st == VB_OK && vb_diags_errors(d) ? vb_diags_status(d) : st;
}
