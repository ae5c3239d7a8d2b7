/* vb_template: a package kept open plus one compiled tree per part that has
 * tags. Parts without tags are never parsed; at render time they are copied
 * into the output as their compressed bytes. */
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "pkg/pkg.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "xml/xml.h"

/* Document properties rendered like docxtpl's render_properties: title,
 * subject, author, comments, identifier, language (format: vb_format_props). */
static int is_props_part(vb_format_kind kind, const char *name) {
  return !strcmp(name, kind == VB_FORMAT_ODT ? "meta.xml" : "docProps/core.xml");
}

/* Parts that can hold template text. Everything else is copied untouched. */
int vb_is_text_part(vb_format_kind kind, const char *name) {
  if (kind == VB_FORMAT_ODT) return !strcmp(name, "content.xml") || !strcmp(name, "styles.xml");
  if (!strcmp(name, "word/document.xml") || !strcmp(name, "word/footnotes.xml") ||
      !strcmp(name, "word/endnotes.xml"))
    return 1;
  const char *base = strncmp(name, "word/", 5) == 0 ? name + 5 : NULL;
  if (!base || strchr(base, '/')) return 0;
  size_t n = strlen(base);
  return n > 4 && !strcmp(base + n - 4, ".xml") &&
         (!strncmp(base, "header", 6) || !strncmp(base, "footer", 6));
}

static int is_template_part(vb_format_kind kind, const char *name) {
  return is_props_part(kind, name) || vb_is_text_part(kind, name);
}

static int is_xml_name(const char *name) {
  size_t n = strlen(name);
  return (n > 4 && !strcmp(name + n - 4, ".xml")) || (n > 5 && !strcmp(name + n - 5, ".rels")) ||
         (n > 4 && !strcmp(name + n - 4, ".rdf"));
}

static int has_doctype(const char *xml, size_t len) {
  static const char tag[] = "<!DOCTYPE";
  for (const char *p = xml; (p = memchr(p, '<', (size_t)(xml + len - p))) != NULL; p++)
    if ((size_t)(xml + len - p) >= sizeof tag - 1 && memcmp(p, tag, sizeof tag - 1) == 0) return 1;
  return 0;
}

/* Parse the part only to have the XML layer's refusal (and its message);
 * returns 0 when it was refused (an error is in d), 1 otherwise. */
static int vb_xml_parse_refuses(const char *xml, size_t len, const char *pkg, const char *part,
                                vb_diags *d) {
  xmlDocPtr doc = vb_xml_parse(xml, len, pkg, part, VB_ETEMPLATE, d);
  if (!doc) return 0;
  xmlFreeDoc(doc);
  return 1;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Bookmarks, comments and other ranges of a DOCX pair their start and end
 * by a numeric w:id, and the bookmarks that mark values (src/tpl/mark.h)
 * must not reuse an id the template has: they are numbered from one above
 * the largest. This notes the largest number in any "id" attribute (with or
 * without a prefix, either quote) of the parts that hold such ranges (text
 * parts and comments). Counting more than ranges (drawing ids, text that
 * looks like an attribute) only raises the first mark id; ids this large
 * being unseen, the count saturates. */
static void note_ids(vb_template *t, const char *name, const char *xml, size_t len) {
  if (t->kind != VB_FORMAT_DOCX ||
      (!vb_is_text_part(t->kind, name) && strcmp(name, "word/comments.xml") != 0))
    return;
  const unsigned cap = 0x7f000000u; /* keeps the marks' ids below 2^31 */
  const char *end = xml + len;
  for (const char *eq = xml; (eq = memchr(eq, '=', (size_t)(end - eq))) != NULL; eq++) {
    const char *p = eq; /* "id" ends at p */
    while (p > xml && is_space(p[-1]))
      p--;
    if (p - xml < 3 || p[-2] != 'i' || p[-1] != 'd' || (p[-3] != ':' && !is_space(p[-3]))) continue;
    const char *q = eq + 1;
    while (q < end && is_space(*q))
      q++;
    if (q == end || (*q != '"' && *q != '\'')) continue;
    unsigned long long v = 0;
    const char *digits = ++q;
    while (q < end && *q >= '0' && *q <= '9' && v < cap)
      v = v * 10 + (unsigned)(*q++ - '0');
    if (q > digits && v >= t->first_mark_id) t->first_mark_id = v < cap ? (unsigned)v + 1 : cap;
  }
}

/* Parts that are copied as they are are still read once at open: a DOCTYPE
 * in any of them refuses the template, so none reaches an output; and
 * their annotation ids are noted. */
static int refuse_doctype(vb_template *t, size_t i, const char *name, vb_diags *d) {
  char *xml = NULL;
  size_t len = 0;
  if (vb_pkg_read(t->pkg, i, &xml, &len, d) != 0) return -1;
  int bad = has_doctype(xml, len) && !vb_xml_parse_refuses(xml, len, t->name, name, d);
  note_ids(t, name, xml, len);
  free(xml);
  return bad ? -1 : 0;
}

static int detect_format(vb_template *t, vb_diags *d) {
  long mt = vb_pkg_find(t->pkg, "mimetype");
  if (mt >= 0) {
    char *data = NULL;
    size_t len = 0;
    if (vb_pkg_read(t->pkg, (size_t)mt, &data, &len, d) != 0) return -1;
    int odt = len == 39 && memcmp(data, "application/vnd.oasis.opendocument.text", 39) == 0;
    free(data);
    if (odt && vb_pkg_find(t->pkg, "content.xml") >= 0) {
      t->kind = VB_FORMAT_ODT;
      t->fmt = &vb_format_odt;
      return 0;
    }
  } else if (vb_pkg_find(t->pkg, "word/document.xml") >= 0 &&
             vb_pkg_find(t->pkg, "[Content_Types].xml") >= 0) {
    t->kind = VB_FORMAT_DOCX;
    t->fmt = &vb_format_docx;
    return 0;
  }
  vb_error(d, VB_ETEMPLATE, t->name, NULL,
           "use a Word document (.docx) or an OpenDocument text (.odt); save .doc files as .docx "
           "first",
           "is a zip package but not a DOCX or ODT text document");
  return -1;
}

static vb_template *finish_open(vb_template *t, vb_diags *d) {
  if (detect_format(t, d) != 0) {
    vb_template_free(t);
    return NULL;
  }
  size_t n = vb_pkg_count(t->pkg);
  t->parts = vb_xcalloc(n ? n : 1, sizeof(vb_part_tpl *));
  t->first_mark_id = 1;
  int failed = 0;
  for (size_t i = 0; i < n; i++) {
    const char *name = vb_pkg_name(t->pkg, i);
    if (!is_template_part(t->kind, name)) {
      if (is_xml_name(name) && refuse_doctype(t, i, name, d) != 0) failed = 1;
      continue;
    }
    char *xml = NULL;
    size_t len = 0;
    if (vb_pkg_read(t->pkg, i, &xml, &len, d) != 0) {
      failed = 1;
      continue;
    }
    note_ids(t, name, xml, len);
    /* No brace, no tag: leave the part compressed as it is — but never copy
     * a DOCTYPE (entity bombs, XXE) into an output. */
    if (!memchr(xml, '{', len) && has_doctype(xml, len) &&
        !vb_xml_parse_refuses(xml, len, t->name, name, d))
      failed = 1;
    if (memchr(xml, '{', len)) {
      const vb_format *fmt = is_props_part(t->kind, name) ? &vb_format_props : t->fmt;
      vb_part_tpl *pt = vb_tpl_compile_part(t->arena, fmt, t->name, name, xml, len, &t->tags,
                                            &t->ntags, &t->tags_cap, d);
      if (!pt)
        failed = 1;
      else if (pt->changed)
        t->parts[i] = pt;
    }
    free(xml);
  }
  if (failed) {
    vb_template_free(t);
    return NULL;
  }
  /* Tag ids (their place in t->tags) were given by vb_tpl_compile_part. */
  return t;
}

vb_template *vb_template_open(const char *path, unsigned flags, vb_diags *d) {
  if (!path) return NULL;
  vb_template *t = vb_xcalloc(1, sizeof(vb_template));
  t->name = vb_xstrdup(path);
  t->arena = vb_arena_new();
  t->pkg = vb_pkg_open_file(path, NULL, d);
  if (!t->pkg) {
    vb_template_free(t);
    return NULL;
  }
  return finish_open(t, d);
}

vb_template *vb_template_open_memory(const void *data, size_t len, const char *name, unsigned flags,
                                     vb_diags *d) {
  if (!data) return NULL;
  vb_template *t = vb_xcalloc(1, sizeof(vb_template));
  t->name = vb_xstrdup(name ? name : "(template)");
  t->arena = vb_arena_new();
  t->bytes = vb_xmalloc(len);
  memcpy(t->bytes, data, len);
  t->pkg = vb_pkg_open_memory(t->bytes, len, t->name, NULL, d);
  if (!t->pkg) {
    vb_template_free(t);
    return NULL;
  }
  return finish_open(t, d);
}

vb_format_kind vb_template_format(const vb_template *t) { return t ? t->kind : 0; }

void vb_template_free(vb_template *t) {
  if (!t) return;
  vb_pkg_free(t->pkg);
  vb_arena_free(t->arena);
  free(t->parts);
  free(t->bytes);
  free(t->name);
  free(t);
}

size_t vb_template_field_count(const vb_template *t) { return t ? t->ntags : 0; }

int vb_template_field(const vb_template *t, size_t i, vb_field *out) {
  if (!t || i >= t->ntags) return -1;
  const vb_tag *tag = t->tags[i];
  out->kind = vb_tag_kind_names[tag->kind];
  out->text = tag->text;
  out->where = tag->where;
  out->excerpt = tag->excerpt;
  return 0;
}

typedef struct name_set {
  const char **names;
  size_t len, cap;
  const char **locals; /* loop variables and sets, excluded */
  size_t nlocals, lcap;
} name_set;

static void add_name(const char ***arr, size_t *len, size_t *cap, const char *name) {
  for (size_t i = 0; i < *len; i++)
    if (!strcmp((*arr)[i], name)) return;
  if (*len == *cap) {
    *cap = *cap ? *cap * 2 : 16;
    *arr = vb_xrealloc(*arr, *cap * sizeof(char *));
  }
  (*arr)[(*len)++] = name;
}

static void collect_name(void *ud, const char *name) {
  name_set *s = ud;
  add_name(&s->names, &s->len, &s->cap, name);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void vb_template_variables(const vb_template *t, void (*fn)(void *ud, const char *name), void *ud) {
  if (!t) return;
  name_set s = {0};
  for (size_t i = 0; i < t->ntags; i++) {
    const vb_tag *tag = t->tags[i];
    if (tag->var1) add_name(&s.locals, &s.nlocals, &s.lcap, tag->var1);
    if (tag->var2) add_name(&s.locals, &s.nlocals, &s.lcap, tag->var2);
    vb_expr_collect_names(tag->expr, collect_name, &s);
  }
  if (s.len) qsort(s.names, s.len, sizeof(char *), cmp_str);
  for (size_t i = 0; i < s.len; i++) {
    int local = !strcmp(s.names[i], "loop");
    for (size_t k = 0; k < s.nlocals && !local; k++)
      local = !strcmp(s.names[i], s.locals[k]);
    if (!local) fn(ud, s.names[i]);
  }
  free(s.names);
  free(s.locals);
}
