/* vanban update: a generated document, edited by a person, gets the values
 * of corrected data — and keeps every manual edit.
 *
 * The new values come from rendering the template with the new data (the
 * same engine, so the same text). The document's marks (src/tpl/mark.h) say
 * where each old value is; the text between a mark's start and end is
 * replaced only when it is still what vanban wrote (its hash is in the mark
 * name). Text a person overwrote is reported and kept (--force replaces it).
 * A list item the new data adds or removes cannot be placed into edited
 * prose safely: update refuses and names the loop. Nothing here knows DOCX
 * or ODT: the format's rules find, read and rewrite marks (fmt/marks.h). */
#include "update/update.h"

#include <stdlib.h>
#include <string.h>

#include "fmt/document.h"
#include "fmt/marks.h"
#include "pkg/pkg.h"
#include "tpl/mark.h"
#include "util/buf.h"
#include "util/diag.h"
#include "xml/xml.h"

/* --- the new values ------------------------------------------------------- */

typedef struct entry {
  char *prefix; /* "_vbTAG_ITEM" */
  char *text;
  size_t len;
  unsigned tag_id;
  int seen;
} entry;

typedef struct value_map {
  entry *items;
  size_t len, cap;
} value_map;

static void map_add(void *ud, unsigned tag_id, const char *prefix, size_t prefix_len,
                    const char *text, size_t len) {
  value_map *m = ud;
  if (m->len == m->cap) {
    m->cap = m->cap ? m->cap * 2 : 256;
    m->items = vb_xrealloc(m->items, m->cap * sizeof(entry));
  }
  entry *e = &m->items[m->len++];
  e->prefix = vb_xstrndup(prefix, prefix_len);
  e->text = vb_xstrndup(text, len);
  e->len = len;
  e->tag_id = tag_id;
  e->seen = 0;
}

static entry *map_find(value_map *m, const char *prefix, size_t n) {
  for (size_t i = 0; i < m->len; i++)
    if (strncmp(m->items[i].prefix, prefix, n) == 0 && m->items[i].prefix[n] == '\0')
      return &m->items[i];
  return NULL;
}

/* --- one mark at a time ---------------------------------------------------- */

typedef struct updater {
  const vb_tpl_package *t;
  unsigned flags;
  value_map *map;
  vb_diags *d;
  const char *doc_name;
  const char *part;
  int errors;
  size_t replaced, kept, unchanged;
} updater;

static void update_mark(updater *u, vb_part_marks *marks, size_t i) {
  const char *name = vb_marks_name(marks, i);
  unsigned tag_id;
  size_t plen;
  uint32_t vhash;
  if (vb_mark_parse(name, &tag_id, &plen, &vhash) != 0) return;
  vb_buf cur = VB_BUF_INIT;
  vb_marks_text(marks, i, &cur);
  const vb_tag *tag = vb_tpl_package_tag(u->t, tag_id);
  entry *e = map_find(u->map, name, plen);
  if (!e) {
    const vb_tag *loop = vb_tpl_package_loop_of(u->t, tag_id);
    vb_buf where = VB_BUF_INIT;
    vb_buf_printf(&where, "%s, \"%s\"", u->part, vb_buf_cstr(&cur));
    if (loop)
      vb_error(
          u->d, VB_EDATA, u->doc_name, where.data,
          "render the document again with `vanban render`, or delete that item by hand and run "
          "update again",
          "the document shows an item of %s (template: %s) that the new data no longer has",
          loop->text, loop->where);
    else
      vb_error(u->d, VB_EDATA, u->doc_name, where.data,
               "render the document again with `vanban render`",
               "%s is no longer shown with the new data (a condition changed)",
               tag ? tag->text : "a value");
    u->errors++;
    vb_buf_free(&where);
    vb_buf_free(&cur);
    return;
  }
  e->seen = 1;
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
  int differs = cur.len != e->len || memcmp(vb_buf_cstr(&cur), e->text, e->len) != 0;
  if (by_hand && !(u->flags & VB_UPDATE_FORCE)) {
    if (differs) {
      vb_warn(u->d, VB_EDATA, u->doc_name, u->part,
              "check it; `vanban update --force` replaces hand-edited values too",
              "%s was changed by hand to \"%s\": kept; the new data says \"%s\"",
              tag ? tag->text : "a value", vb_buf_cstr(&cur), e->text);
      u->kept++;
    }
    vb_buf_free(&cur);
    return;
  }
  vb_buf newname = VB_BUF_INIT;
  vb_buf_put(&newname, name, plen);
  vb_mark_value_suffix(&newname, e->text, e->len);
  if (!differs) {
    u->unchanged++;
  } else {
    vb_marks_set_text(marks, i, e->text, moved);
    u->replaced++;
  }
  vb_marks_rename(marks, i, vb_buf_cstr(&newname));
  vb_buf_free(&newname);
  vb_buf_free(&cur);
}

/* Process one part: every vanban mark in it. Returns how many there are. */
static size_t update_part(updater *u, const vb_format *fmt, xmlDocPtr doc) {
  /* The marks are found first: updating changes the tree. */
  vb_part_marks *marks = vb_marks_read(fmt, doc, VB_MARK_PREFIX);
  size_t n = vb_marks_count(marks);
  for (size_t i = 0; i < n; i++)
    update_mark(u, marks, i);
  vb_marks_free(marks);
  return n;
}

vb_status vb_update_package(const vb_tpl_package *tp, const vb_value *new_root,
                            const char *edited_path, const char *out_path, unsigned flags,
                            vb_diags *d) {
  value_map map = {0};
  vb_status st = VB_OK;
  if (vb_tpl_package_collect(tp, new_root, map_add, &map, d) != 0)
    st = vb_diags_status(d) ? vb_diags_status(d) : VB_EDATA;
  vb_pkg *pkg = NULL;
  vb_pkg_writer *w = NULL;
  updater u = {.t = tp, .flags = flags, .map = &map, .d = d, .doc_name = edited_path};
  size_t marks = 0;
  if (st != VB_OK) goto done;
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
    vb_error(d, VB_EUSAGE, edited_path, NULL, "give the template of the same format (-t)",
             "the document is %s but the template is %s",
             doc_fmt ? doc_fmt->name : "neither a DOCX nor an ODT text document", tp->doc->name);
    st = VB_EUSAGE;
    goto done;
  }
  w = vb_pkg_writer_new(-1);
  size_t n = vb_pkg_count(pkg);
  for (size_t i = 0; i < n; i++) {
    const char *name = vb_pkg_name(pkg, i);
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
    u.part = name;
    marks += update_part(&u, tp->doc->text, doc);
    vb_marks_tidy(tp->doc->text, doc);
    xmlChar *outxml = NULL;
    int outlen = 0;
    xmlDocDumpMemoryEnc(doc, &outxml, &outlen, "UTF-8");
    vb_pkg_writer_add(w, name, outxml, (size_t)outlen, 0);
    xmlFree(outxml);
    xmlFreeDoc(doc);
  }
  if (marks == 0) {
    vb_error(d, VB_EDATA, edited_path, NULL,
             "update works on documents made by `vanban render` (version 0.1 or later)",
             "the document has no values marked by vanban");
    st = VB_EDATA;
    goto done;
  }
  /* Values the new data shows that the document does not have: one message
   * per loop (with the first values as examples), one warning per other value. */
  for (size_t i = 0; i < map.len; i++) {
    if (map.items[i].seen) continue;
    const vb_tag *loop = vb_tpl_package_loop_of(tp, map.items[i].tag_id);
    const vb_tag *tag = vb_tpl_package_tag(tp, map.items[i].tag_id);
    if (!loop) {
      if (map.items[i].len)
        vb_warn(d, VB_EDATA, edited_path, NULL, "add it by hand if it is still wanted",
                "%s (\"%s\") is not in the document any more (removed by hand?): not restored",
                tag ? tag->text : "a value", map.items[i].text);
      continue;
    }
    size_t count = 0;
    vb_buf examples = VB_BUF_INIT;
    for (size_t k = i; k < map.len; k++) {
      if (map.items[k].seen || vb_tpl_package_loop_of(tp, map.items[k].tag_id) != loop) continue;
      map.items[k].seen = 1;
      count++;
      if (count <= 4 && map.items[k].len)
        vb_buf_printf(&examples, "%s\"%s\"", examples.len ? ", " : "", map.items[k].text);
    }
    vb_error(
        d, VB_EDATA, edited_path, NULL,
        "render the document again with `vanban render` and carry the manual edits over, or "
        "add the item by hand and run update again",
        "the new data adds to %s (template: %s) what the document does not have: %zu value(s), "
        "e.g. %s",
        loop->text, loop->where, count, vb_buf_cstr(&examples));
    vb_buf_free(&examples);
    u.errors++;
  }
  if (u.errors) {
    st = VB_EDATA;
    goto done;
  }
  if (vb_pkg_writer_finish_file(w, out_path, d) != 0) st = vb_diags_status(d);
done:
  vb_pkg_writer_free(w);
  vb_pkg_free(pkg);
  for (size_t i = 0; i < map.len; i++) {
    free(map.items[i].prefix);
    free(map.items[i].text);
  }
  free(map.items);
  return st == VB_OK && vb_diags_errors(d) ? vb_diags_status(d) : st;
}
