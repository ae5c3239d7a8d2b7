/* vanban update: a generated document, edited by a person, gets the values
 * of corrected data — and keeps every manual edit.
 *
 * The new values come from rendering the template with the new data (the
 * same engine, so the same text). The document's marks (see mark.h) say
 * where each old value is; the text between a mark's start and end is
 * replaced only when it is still what vanban wrote (its hash is in the mark
 * name). Text a person overwrote is reported and kept (--force replaces it).
 * A list item the new data adds or removes cannot be placed into edited
 * prose safely: update refuses and names the loop. */
#include "update/update.h"

#include <stdlib.h>
#include <string.h>

#include "fmt/document.h"
#include "pkg/pkg.h"
#include "tpl/mark.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
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

/* --- reading and writing the text between marks -------------------------- */

typedef struct updater {
  const vb_tpl_package *t;
  const vb_format *fmt;
  int odt;
  unsigned flags;
  value_map *map;
  vb_diags *d;
  const char *doc_name;
  const char *part;
  int errors;
  size_t replaced, kept, unchanged;
  xmlNode **flat; /* the part's nodes in document order */
  size_t nflat, cap;
} updater;

static void flatten(updater *u, xmlNode *n) {
  for (; n; n = n->next) {
    if (u->nflat == u->cap) {
      u->cap = u->cap ? u->cap * 2 : 1024;
      u->flat = vb_xrealloc(u->flat, u->cap * sizeof(xmlNode *));
    }
    u->flat[u->nflat++] = n;
    if (n->type == XML_ELEMENT_NODE) flatten(u, n->children);
  }
}

static int is_w(const xmlNode *n, const char *local) { return vb_xml_is(n, VB_NS_W, local); }
static int is_text(const xmlNode *n, const char *local) { return vb_xml_is(n, VB_NS_TEXT, local); }

static char *get_attr(const xmlNode *n, const char *ns, const char *name) {
  return (char *)xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)ns);
}

/* Is n inside an element whose text is not document text (deleted text,
 * field codes, notes inside an ODT paragraph are separate paragraphs …)? */
static int text_node_counts(const updater *u, const xmlNode *n) {
  const xmlNode *p = n->parent;
  if (!p) return 0;
  if (!u->odt) return is_w(p, "t");
  for (; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
    if (is_text(p, "p") || is_text(p, "h")) return 1;
    if (p->ns && strcmp((const char *)p->ns->href, VB_NS_TEXT) != 0 &&
        strcmp((const char *)p->ns->href, VB_NS_OFFICE) != 0)
      return 0;
  }
  return 0;
}

/* The text a reader sees between flat[from] and flat[to], exclusive. */
static void range_text(updater *u, size_t from, size_t to, vb_buf *out) {
  for (size_t i = from + 1; i < to; i++) {
    xmlNode *n = u->flat[i];
    if (n->type == XML_TEXT_NODE) {
      if (text_node_counts(u, n) && n->content) vb_buf_puts(out, (const char *)n->content);
    } else if (!u->odt) {
      if (is_w(n, "tab"))
        vb_buf_putc(out, '\t');
      else if (is_w(n, "br") || is_w(n, "cr"))
        vb_buf_putc(out, '\n');
      else if (is_w(n, "p") && out->len)
        vb_buf_putc(out, '\n');
    } else {
      if (is_text(n, "tab"))
        vb_buf_putc(out, '\t');
      else if (is_text(n, "line-break"))
        vb_buf_putc(out, '\n');
      else if ((is_text(n, "p") || is_text(n, "h")) && out->len)
        vb_buf_putc(out, '\n');
      else if (is_text(n, "s")) {
        char *c = get_attr(n, VB_NS_TEXT, "c");
        int k = c ? atoi(c) : 1;
        xmlFree(c);
        for (int j = 0; j < (k > 0 ? k : 1); j++)
          vb_buf_putc(out, ' ');
      }
    }
  }
}

/* Nodes that hold text in the range: the first gets the new value, the
 * others are removed. */
static int is_text_holder(updater *u, xmlNode *n) {
  if (n->type == XML_TEXT_NODE) return text_node_counts(u, n);
  if (!u->odt) return is_w(n, "t") || is_w(n, "tab") || is_w(n, "br") || is_w(n, "cr");
  return is_text(n, "s") || is_text(n, "tab") || is_text(n, "line-break");
}

static void detach_free(xmlNode *n) {
  xmlUnlinkNode(n);
  xmlFreeNode(n);
}

/* Write `text` as document content right after `after` (inside the same
 * parent): DOCX text goes in w:t elements of the enclosing run (or a new
 * run), ODT text as text nodes with text:s / text:tab / text:line-break. */
static void write_value_after(updater *u, xmlNode *after, const char *text) {
  xmlDocPtr doc = after->doc;
  if (!u->odt) {
    xmlNode *run = NULL, *pos = after;
    if (is_w(after, "t")) {
      run = after->parent;
    } else {
      /* after is the bookmarkStart: a new run, with the style of the run
       * before it when there is one. */
      run = xmlNewDocNode(doc, after->ns, (const xmlChar *)"r", NULL);
      xmlNode *prev = after->prev;
      while (prev && !is_w(prev, "r"))
        prev = prev->prev;
      for (xmlNode *c = prev ? prev->children : NULL; c; c = c->next)
        if (is_w(c, "rPr")) xmlAddChild(run, xmlCopyNode(c, 1));
      xmlAddNextSibling(after, run);
      pos = NULL;
    }
    xmlNs *w = run->ns;
    const char *s = text;
    for (;;) {
      size_t k = strcspn(s, "\n\t");
      xmlNode *t = xmlNewDocNode(doc, w, (const xmlChar *)"t", NULL);
      xmlNodeAddContentLen(t, (const xmlChar *)s, (int)k);
      xmlSetProp(t, (const xmlChar *)"xml:space", (const xmlChar *)"preserve");
      if (pos)
        pos = xmlAddNextSibling(pos, t);
      else
        pos = xmlAddChild(run, t);
      if (!s[k]) break;
      xmlNode *brk = xmlNewDocNode(doc, w, (const xmlChar *)(s[k] == '\n' ? "br" : "tab"), NULL);
      pos = xmlAddNextSibling(pos, brk);
      s += k + 1;
    }
    return;
  }
  xmlNs *tns =
      xmlSearchNsByHref(doc, after->parent ? after->parent : after, (const xmlChar *)VB_NS_TEXT);
  xmlNode *pos = after;
  const char *s = text;
  while (*s) {
    size_t k = strcspn(s, "\n\t ");
    if (k) pos = xmlAddNextSibling(pos, xmlNewDocTextLen(doc, (const xmlChar *)s, (int)k));
    s += k;
    if (!*s) break;
    if (*s == ' ') {
      size_t sp = strspn(s, " ");
      int collapse_safe = sp == 1 && k && s[1] && s[1] != '\n' && s[1] != '\t';
      if (collapse_safe) {
        pos = xmlAddNextSibling(pos, xmlNewDocText(doc, (const xmlChar *)" "));
      } else {
        xmlNode *e = xmlNewDocNode(doc, tns, (const xmlChar *)"s", NULL);
        if (sp > 1) {
          char c[24];
          snprintf(c, sizeof c, "%zu", sp);
          xmlNewNsProp(e, tns, (const xmlChar *)"c", (const xmlChar *)c);
        }
        pos = xmlAddNextSibling(pos, e);
      }
      s += sp;
    } else {
      pos = xmlAddNextSibling(
          pos, xmlNewDocNode(doc, tns, (const xmlChar *)(*s == '\n' ? "line-break" : "tab"), NULL));
      s++;
    }
  }
}

static void rename_mark(updater *u, xmlNode *start, xmlNode *end, const char *name) {
  if (!u->odt) {
    xmlSetNsProp(start, start->ns, (const xmlChar *)"name", (const xmlChar *)name);
    return;
  }
  xmlSetNsProp(start, start->ns, (const xmlChar *)"name", (const xmlChar *)name);
  if (end) xmlSetNsProp(end, end->ns, (const xmlChar *)"name", (const xmlChar *)name);
}

static void update_mark(updater *u, xmlNode *start, size_t si, xmlNode *end, size_t ei,
                        const char *name) {
  unsigned tag_id;
  size_t plen;
  uint32_t vhash;
  if (vb_mark_parse(name, &tag_id, &plen, &vhash) != 0) return;
  vb_buf cur = VB_BUF_INIT;
  if (end) range_text(u, si, ei, &cur);
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
  if (by_hand && end) {
    /* LibreOffice 7.4 moves a bookmark that starts a table cell's first
     * paragraph one character to the right when it saves. Accept the value
     * when the few characters between the paragraph start and the mark,
     * followed by the range, are exactly what vanban wrote. */
    xmlNode *para = start->parent;
    while (para && !(u->odt ? (is_text(para, "p") || is_text(para, "h")) : is_w(para, "p")))
      para = para->parent;
    size_t pi = si;
    while (para && pi > 0 && u->flat[pi] != para)
      pi--;
    if (para && u->flat[pi] == para) {
      vb_buf both = VB_BUF_INIT;
      range_text(u, pi, si, &both);
      size_t pre = both.len;
      vb_buf_put(&both, vb_buf_cstr(&cur), cur.len);
      if (pre > 0 && pre <= 8 && vb_mark_hash(vb_buf_cstr(&both), both.len) == vhash) {
        by_hand = 0;
        moved = 1;
        si = pi;
        vb_buf_clear(&cur);
        vb_buf_put(&cur, vb_buf_cstr(&both), both.len);
      }
      vb_buf_free(&both);
    }
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
    /* Collapsed ODT bookmark (an empty value): open it into a range. */
    if (u->odt && !end) {
      xmlNode *s2 = xmlNewDocNode(start->doc, start->ns, (const xmlChar *)"bookmark-start", NULL);
      xmlNode *e2 = xmlNewDocNode(start->doc, start->ns, (const xmlChar *)"bookmark-end", NULL);
      xmlAddPrevSibling(start, s2);
      xmlAddNextSibling(start, e2);
      detach_free(start);
      start = s2;
      end = e2;
      write_value_after(u, s2, e->text);
      rename_mark(u, start, end, vb_buf_cstr(&newname));
    } else {
      xmlNode *first = NULL;
      for (size_t i = si + 1; i < ei; i++) {
        xmlNode *n = u->flat[i];
        if (!n || !is_text_holder(u, n)) continue;
        if (!first && (u->odt ? n->type == XML_TEXT_NODE : is_w(n, "t"))) {
          first = n;
          continue;
        }
        /* Remove the node (and null out its descendants in the flat list). */
        for (size_t k = i + 1; k < ei && u->flat[k]; k++) {
          xmlNode *p = u->flat[k]->parent;
          while (p && p != n)
            p = p->parent;
          if (!p) break;
          u->flat[k] = NULL;
        }
        u->flat[i] = NULL;
        detach_free(n);
      }
      if (moved && first) {
        /* Put the mark back where the value starts. */
        xmlNode *before = !u->odt && is_w(first->parent, "r") ? first->parent : first;
        xmlUnlinkNode(start);
        xmlAddPrevSibling(before, start);
      }
      if (first && !u->odt) {
        /* Empty the first w:t and write the value into its run. */
        xmlNodeSetContent(first, (const xmlChar *)"");
        xmlSetProp(first, (const xmlChar *)"xml:space", (const xmlChar *)"preserve");
        const char *nl = strpbrk(e->text, "\n\t");
        if (!nl) {
          xmlNodeAddContent(first, (const xmlChar *)e->text);
        } else {
          write_value_after(u, first, e->text);
          detach_free(first);
        }
      } else if (first) {
        /* An element anchor where the first text was: libxml2 merges text
         * nodes added next to a text node, so the text itself cannot be one. */
        xmlNode *anchor = xmlNewDocNode(first->doc, NULL, (const xmlChar *)"vb-anchor", NULL);
        xmlAddPrevSibling(first, anchor);
        detach_free(first);
        write_value_after(u, anchor, e->text);
        detach_free(anchor);
      } else {
        write_value_after(u, start, e->text);
      }
      rename_mark(u, start, end, vb_buf_cstr(&newname));
    }
    u->replaced++;
  }
  if (!differs) rename_mark(u, start, end, vb_buf_cstr(&newname));
  vb_buf_free(&newname);
  vb_buf_free(&cur);
}

/* Process one part: every vanban mark in it. */
static int update_part(updater *u, xmlDocPtr doc) {
  u->nflat = 0;
  flatten(u, doc->children);
  /* Collect the marks first: updating changes the tree. */
  typedef struct mk {
    xmlNode *start, *end;
    char *name;
  } mk;
  mk *marks = NULL;
  size_t nm = 0, cap = 0;
  for (size_t i = 0; i < u->nflat; i++) {
    xmlNode *n = u->flat[i];
    int start = !u->odt ? is_w(n, "bookmarkStart")
                        : (is_text(n, "bookmark-start") || is_text(n, "bookmark"));
    if (!start) continue;
    char *name = get_attr(n, u->odt ? VB_NS_TEXT : VB_NS_W, "name");
    if (!name || strncmp(name, "_vb", 3) != 0) {
      xmlFree(name);
      continue;
    }
    xmlNode *end = NULL;
    if (!u->odt) {
      char *id = get_attr(n, VB_NS_W, "id");
      for (size_t k = i + 1; k < u->nflat && id && !end; k++) {
        if (!is_w(u->flat[k], "bookmarkEnd")) continue;
        char *id2 = get_attr(u->flat[k], VB_NS_W, "id");
        if (id2 && strcmp(id, id2) == 0) end = u->flat[k];
        xmlFree(id2);
      }
      xmlFree(id);
    } else if (is_text(n, "bookmark-start")) {
      for (size_t k = i + 1; k < u->nflat && !end; k++) {
        if (!is_text(u->flat[k], "bookmark-end")) continue;
        char *n2 = get_attr(u->flat[k], VB_NS_TEXT, "name");
        if (n2 && strcmp(n2, name) == 0) end = u->flat[k];
        xmlFree(n2);
      }
    }
    if (nm == cap) {
      cap = cap ? cap * 2 : 64;
      marks = vb_xrealloc(marks, cap * sizeof(mk));
    }
    marks[nm].start = n;
    marks[nm].end = end;
    marks[nm].name = name;
    nm++;
  }
  for (size_t i = 0; i < nm; i++) {
    /* Positions in the flat list (recomputed: earlier updates may insert). */
    u->nflat = 0;
    flatten(u, doc->children);
    size_t si = 0, ei = 0;
    for (size_t k = 0; k < u->nflat; k++) {
      if (u->flat[k] == marks[i].start) si = k;
      if (u->flat[k] == marks[i].end) ei = k;
    }
    if (!marks[i].end) ei = si;
    update_mark(u, marks[i].start, si, marks[i].end, ei, marks[i].name);
    xmlFree(marks[i].name);
  }
  free(marks);
  return (int)nm;
}

/* LibreOffice 7.4 writes w:sectPr first inside w:pPr, where the schema wants
 * it last (before w:pPrChange): Word tolerates it, validators do not. The
 * update rewrites this part anyway, so put it back in schema order. */
static void fix_docx_ppr_order(xmlNode *n) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_w(n, "pPr")) {
      xmlNode *sect = NULL, *change = NULL;
      for (xmlNode *k = n->children; k; k = k->next) {
        if (is_w(k, "sectPr")) sect = k;
        if (is_w(k, "pPrChange")) change = k;
      }
      if (sect && (sect->next && sect->next != change)) {
        xmlUnlinkNode(sect);
        if (change)
          xmlAddPrevSibling(change, sect);
        else
          xmlAddChild(n, sect);
      }
      continue;
    }
    fix_docx_ppr_order(n->children);
  }
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
  updater u = {.t = tp,
               .fmt = tp->doc->text,
               .odt = tp->doc->kind == VB_FORMAT_ODT,
               .flags = flags,
               .map = &map,
               .d = d,
               .doc_name = edited_path};
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
    if (!strstr(xml, "_vb")) {
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
    marks += (size_t)update_part(&u, doc);
    if (!u.odt) fix_docx_ppr_order(xmlDocGetRootElement(doc));
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
  free(u.flat);
  return st == VB_OK && vb_diags_errors(d) ? vb_diags_status(d) : st;
}
