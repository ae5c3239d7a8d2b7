/* Compiling a template package and rendering it into a new one. */
#include "tpl/package.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/additions.h"
#include "fmt/pages.h"
#include "pkg/deflate.h"
#include "tpl/mark.h"
#include "util/buf.h"
#include "util/diag.h"
#include "xml/xml.h"

/* --- compiling -------------------------------------------------------------- */

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

static void note_ids(vb_tpl_package *tp, const char *name, const char *xml, size_t len) {
  if (tp->doc->next_mark_id)
    tp->first_mark_id = tp->doc->next_mark_id(name, xml, len, tp->first_mark_id);
  if (tp->doc->adds && tp->doc->adds->note_ids) {
    unsigned drawing = 0;
    tp->doc->adds->note_ids(name, xml, len, &tp->first_rel_id, &drawing);
  }
}

/* Parts that are copied as they are are still read once at open: a DOCTYPE
 * in any of them refuses the template, so none reaches an output; and
 * their range ids are noted. */
static int refuse_doctype(vb_tpl_package *tp, size_t i, const char *name, vb_diags *d) {
  char *xml = NULL;
  size_t len = 0;
  if (vb_pkg_read(tp->pkg, i, &xml, &len, d) != 0) return -1;
  int bad = has_doctype(xml, len) && !vb_xml_parse_refuses(xml, len, tp->name, name, d);
  note_ids(tp, name, xml, len);
  free(xml);
  return bad ? -1 : 0;
}

/* --- what made a document ---------------------------------------------------- */

/* Tags that write nothing a mark names (comments, and cell markers that only
 * shape a table: the DOCX template merges covered cells with {% hm %} where
 * the ODT one writes them) count only as a place — tag ids are places — so
 * that a document rendered with one format's template and saved in the
 * other format is updated with the other's. */
static int place_only(vb_tag_kind k) {
  return k == VB_TAG_COMMENT || k == VB_TAG_CELLBG || k == VB_TAG_VM || k == VB_TAG_HM;
}

static void hash_tags(vb_tpl_package *tp) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < tp->ntags; i++) {
    const vb_tag *t = tp->tags[i];
    if (place_only(t->kind)) {
      h = (h ^ 0xfeu) * 16777619u;
      continue;
    }
    h = (h ^ (unsigned)t->kind) * 16777619u;
    for (const char *p = t->text; p && *p; p++)
      if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
        h = (h ^ (unsigned char)*p) * 16777619u;
    h = (h ^ 0xffu) * 16777619u;
  }
  tp->tags_hash[vb_mark_put36(tp->tags_hash, h & 0x7fffffffu)] = '\0';
}

static const char *base_name(const char *path) {
  const char *b = path;
  for (const char *p = path; *p; p++)
    if (*p == '/' || *p == '\\') b = p + 1;
  return b;
}

void vb_tpl_package_props(const vb_tpl_package *tp, vb_custom_prop props[VB_NPROPS]) {
  props[0] = (vb_custom_prop){VB_PROP_TEMPLATE, base_name(tp->name ? tp->name : "")};
  props[1] = (vb_custom_prop){VB_PROP_TAGS, tp->tags_hash};
  props[2] = (vb_custom_prop){VB_PROP_VERSION, vb_version()};
}

/* The parts that record, in every document rendered with marks, which
 * template (its file name and its tags) and which vanban made it: made once
 * here, written by every render. */
static int record(vb_tpl_package *tp, vb_diags *d) {
  const vb_doc_format *f = tp->doc;
  if (!f->record_custom || !f->custom_parts) return 0;
  vb_custom_prop props[VB_NPROPS];
  vb_tpl_package_props(tp, props);
  size_t n = vb_pkg_count(tp->pkg);
  tp->recorded = vb_xcalloc(n ? n : 1, sizeof(char *));
  tp->recorded_len = vb_xcalloc(n ? n : 1, sizeof(size_t));
  for (size_t k = 0; f->custom_parts[k]; k++) {
    const char *part = f->custom_parts[k];
    long i = vb_pkg_find(tp->pkg, part);
    vb_buf out = VB_BUF_INIT;
    if (i < 0) {
      if (k == 0 && f->record_custom(part, NULL, 0, props, VB_NPROPS, &out, d) == 1) {
        tp->added_name = vb_xstrdup(part);
        tp->added = vb_buf_detach(&out, &tp->added_len);
      }
      vb_buf_free(&out);
      continue;
    }
    if (tp->parts[i]) continue; /* rendered: recorded at render time */
    char *xml = NULL;
    size_t len = 0;
    if (vb_pkg_read(tp->pkg, (size_t)i, &xml, &len, d) != 0) return -1;
    int rc = f->record_custom(part, xml, len, props, VB_NPROPS, &out, d);
    free(xml);
    if (rc < 0) {
      vb_buf_free(&out);
      return -1;
    }
    if (rc == 1) tp->recorded[i] = vb_buf_detach(&out, &tp->recorded_len[i]);
    vb_buf_free(&out);
  }
  return 0;
}

/* A rendered part that records the properties: the record added to it. */
static void record_rendered(const vb_tpl_package *tp, const char *part, vb_buf *xml, vb_diags *d) {
  const vb_doc_format *f = tp->doc;
  vb_custom_prop props[VB_NPROPS];
  vb_tpl_package_props(tp, props);
  vb_buf out = VB_BUF_INIT;
  if (f->record_custom(part, vb_buf_cstr(xml), xml->len, props, VB_NPROPS, &out, d) == 1) {
    vb_buf_free(xml);
    *xml = out;
  } else {
    vb_buf_free(&out);
  }
}

int vb_tpl_package_compile(vb_tpl_package *tp, vb_pkg *pkg, const char *name, vb_diags *d) {
  tp->name = name;
  tp->pkg = pkg;
  tp->arena = vb_arena_new();
  if (vb_doc_format_detect(pkg, &tp->doc, d) != 0) return -1;
  if (!tp->doc) {
    vb_error_rule(d, VB_ETEMPLATE, "template.format", name, NULL,
                  "dùng văn bản Word (.docx) hoặc văn bản OpenDocument (.odt); lưu tệp .doc "
                  "thành .docx trước",
                  "là gói zip nhưng không phải văn bản DOCX hay ODT");
    return -1;
  }
  size_t n = vb_pkg_count(pkg);
  tp->parts = vb_xcalloc(n ? n : 1, sizeof(vb_part_tpl *));
  tp->first_mark_id = 1;
  tp->first_rel_id = 1;
  tp->media = vb_media_cache_new();
  int failed = 0;
  for (size_t i = 0; i < n; i++) {
    const char *part = vb_pkg_name(pkg, i);
    if (!vb_doc_is_template_part(tp->doc, part)) {
      if (is_xml_name(part) && refuse_doctype(tp, i, part, d) != 0) failed = 1;
      continue;
    }
    char *xml = NULL;
    size_t len = 0;
    if (vb_pkg_read(pkg, i, &xml, &len, d) != 0) {
      failed = 1;
      continue;
    }
    note_ids(tp, part, xml, len);
    /* No brace, no tag: leave the part compressed as it is — but never copy
     * a DOCTYPE (entity bombs, XXE) into an output. */
    if (!memchr(xml, '{', len) && has_doctype(xml, len) &&
        !vb_xml_parse_refuses(xml, len, name, part, d))
      failed = 1;
    if (memchr(xml, '{', len)) {
      const vb_format *fmt = !strcmp(part, tp->doc->props_part) ? &vb_format_props : tp->doc->text;
      vb_part_tpl *pt = vb_tpl_compile_part(tp->arena, fmt, name, part, xml, len, &tp->tags,
                                            &tp->ntags, &tp->tags_cap, d);
      if (!pt)
        failed = 1;
      else if (pt->changed)
        tp->parts[i] = pt;
      if (pt && pt->fix_pages) tp->turns_pages = 1;
      if (pt && pt->pictures) tp->places_pictures = 1;
    }
    free(xml);
  }
  /* Tag ids (their place in tp->tags) were given by vb_tpl_compile_part. */
  if (!failed) hash_tags(tp);
  if (!failed && record(tp, d) != 0) failed = 1;
  if (!failed && tp->doc->adds && tp->doc->adds->text_width)
    tp->text_width = tp->doc->adds->text_width(pkg, d);
  long ps = tp->turns_pages && tp->doc->page_styles_part
                ? vb_pkg_find(pkg, tp->doc->page_styles_part)
                : -1;
  if (!failed && ps >= 0 &&
      vb_pkg_read(pkg, (size_t)ps, &tp->page_styles, &tp->page_styles_len, d) != 0)
    failed = 1;
  return failed ? -1 : 0;
}

void vb_tpl_package_free(vb_tpl_package *tp) {
  size_t n = tp->pkg ? vb_pkg_count(tp->pkg) : 0;
  for (size_t i = 0; tp->recorded && i < n; i++)
    free(tp->recorded[i]);
  free(tp->recorded);
  free(tp->recorded_len);
  free(tp->added_name);
  free(tp->added);
  free(tp->page_styles);
  vb_media_cache_free(tp->media);
  vb_pkg_free(tp->pkg);
  vb_arena_free(tp->arena);
  free(tp->parts);
  memset(tp, 0, sizeof *tp);
}

/* --- what a render adds to the package -------------------------------------
 *
 * The seam between values that are not text and the package (fmt/additions.h):
 * while the parts render, each picture, link and chart a value places is
 * given the reference its part writes (a relationship id, or an entry's
 * path), and remembered; once every part is rendered, the format's finish
 * writes the new entries and the lists of parts that name them. Names and
 * ids follow rendering order, so the same data gives the same bytes. */

struct vb_render_pkg {
  const vb_tpl_package *tp;
  const vb_add_rules *rules;
  vb_arena *a; /* as long as the render */
  vb_additions adds;
  size_t media_cap, rels_cap, charts_cap;
  const vb_media_item **items; /* adds.media[i] holds items[i]'s bytes */
  unsigned next_rel, media_n, chart_n;
};

static void *grow(void *p, size_t len, size_t *cap, size_t size) {
  if (len < *cap) return p;
  *cap = *cap ? *cap * 2 : 8;
  return vb_xrealloc(p, *cap * size);
}

/* A new entry name: the format's n-th, skipping names the template has. */
static const char *new_name(vb_render_pkg *rp, unsigned *n, const char *ext) {
  vb_buf b = VB_BUF_INIT;
  for (;;) {
    vb_buf_clear(&b);
    ++*n;
    if (ext)
      rp->rules->media_name(&b, *n, ext);
    else
      rp->rules->chart_name(&b, *n);
    if (vb_pkg_find(rp->tp->pkg, vb_buf_cstr(&b)) >= 0) continue;
    /* A folder (an ODF object) is taken when any entry is in it. */
    size_t at = b.len;
    vb_buf_puts(&b, "/content.xml");
    int taken = vb_pkg_find(rp->tp->pkg, vb_buf_cstr(&b)) >= 0;
    b.len = at;
    b.data[at] = '\0';
    if (!taken) break;
  }
  const char *name = vb_arena_strndup(rp->a, b.data, b.len);
  vb_buf_free(&b);
  return name;
}

/* The relationship of `part` to target (made on first use). */
static const char *rel_to(vb_render_pkg *rp, const char *part, vb_rel_kind kind, const char *target,
                          int reuse) {
  for (size_t i = 0; reuse && i < rp->adds.nrels; i++) {
    const vb_added_rel *r = &rp->adds.rels[i];
    if (r->kind == kind && !strcmp(r->source, part) && !strcmp(r->target, target)) return r->id;
  }
  rp->adds.rels = grow(rp->adds.rels, rp->adds.nrels, &rp->rels_cap, sizeof(vb_added_rel));
  vb_added_rel *r = &rp->adds.rels[rp->adds.nrels++];
  char id[32];
  snprintf(id, sizeof id, "rIdVb%u", rp->next_rel++);
  r->source = vb_arena_strdup(rp->a, part);
  r->id = vb_arena_strdup(rp->a, id);
  r->kind = kind;
  r->target = vb_arena_strdup(rp->a, target);
  return r->id;
}

const char *vb_render_pkg_picture(vb_render_pkg *rp, const char *part, const vb_media_item *m) {
  size_t i = 0;
  for (; i < rp->adds.nmedia; i++) {
    const vb_media_item *o = rp->items[i];
    if (o == m || (o->crc == m->crc && o->len == m->len && !memcmp(o->bytes, m->bytes, m->len)))
      break;
  }
  if (i == rp->adds.nmedia) {
    size_t cap = rp->media_cap;
    rp->adds.media = grow(rp->adds.media, rp->adds.nmedia, &rp->media_cap, sizeof(vb_added_media));
    rp->items = grow(rp->items, rp->adds.nmedia, &cap, sizeof(*rp->items));
    vb_added_media *am = &rp->adds.media[rp->adds.nmedia];
    am->ext = vb_media_ext(m->info.type);
    am->mime = vb_media_mime(m->info.type);
    am->name = new_name(rp, &rp->media_n, am->ext);
    am->bytes = m->bytes;
    am->len = m->len;
    rp->items[rp->adds.nmedia++] = m;
  }
  const char *name = rp->adds.media[i].name;
  return rp->rules->by_relationship ? rel_to(rp, part, VB_REL_IMAGE, name, 1) : name;
}

const char *vb_render_pkg_link(vb_render_pkg *rp, const char *part, const char *url) {
  return rp->rules->by_relationship ? rel_to(rp, part, VB_REL_HYPERLINK, url, 1) : url;
}

/* A chart's numbers and labels, copied out of the evaluation arena (which
 * a loop rewinds) into the render's. */
static const vb_chart *keep_chart(vb_arena *a, const vb_chart *c) {
  vb_chart *k = vb_arena_alloc(a, sizeof *k);
  *k = *c;
  k->title = vb_arena_strdup(a, c->title ? c->title : "");
  const char **cats = vb_arena_alloc(a, (c->ncat ? c->ncat : 1) * sizeof *cats);
  for (size_t i = 0; i < c->ncat; i++)
    cats[i] = vb_arena_strdup(a, c->cats[i]);
  k->cats = cats;
  vb_chart_series *ser = vb_arena_alloc(a, (c->nseries ? c->nseries : 1) * sizeof *ser);
  for (size_t s = 0; s < c->nseries; s++) {
    ser[s] = c->series[s];
    ser[s].name = vb_arena_strdup(a, c->series[s].name ? c->series[s].name : "");
    double *v = vb_arena_alloc(a, (c->ncat ? c->ncat : 1) * sizeof *v);
    if (c->ncat) memcpy(v, c->series[s].values, c->ncat * sizeof *v);
    ser[s].values = v;
  }
  k->series = ser;
  return k;
}

const char *vb_render_pkg_chart(vb_render_pkg *rp, const char *part, const vb_chart *c) {
  rp->adds.charts =
      grow(rp->adds.charts, rp->adds.ncharts, &rp->charts_cap, sizeof(vb_added_chart));
  vb_added_chart *ac = &rp->adds.charts[rp->adds.ncharts++];
  ac->name = new_name(rp, &rp->chart_n, NULL);
  ac->chart = keep_chart(rp->a, c);
  if (rp->rules->by_relationship) return rel_to(rp, part, VB_REL_CHART, ac->name, 0);
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, "./%s", ac->name);
  const char *ref = vb_arena_strndup(rp->a, b.data, b.len);
  vb_buf_free(&b);
  return ref;
}

static int added_anything(const vb_render_pkg *rp) {
  return rp->adds.nmedia || rp->adds.nrels || rp->adds.ncharts;
}

static void render_pkg_free(vb_render_pkg *rp) {
  free(rp->adds.media);
  free(rp->adds.rels);
  free(rp->adds.charts);
  free(rp->items);
}

/* --- rendering -------------------------------------------------------------- */

enum { VB_DEFLATE_LEVEL = 1 };

/* Streaming: what the renderer has written so far goes to the part's
 * compressor, and the buffer is reused. */
static void flush_to_deflater(void *ud, vb_buf *out) {
  vb_deflater **z = ud;
  if (!*z) *z = vb_deflater_new(VB_DEFLATE_LEVEL);
  vb_deflater_write(*z, out->data, out->len);
  vb_buf_clear(out);
}

/* Render every part into a package; or, with `traced`, hand each rendered
 * part and its trace to it instead (no package). */
static vb_pkg_writer *render_package(const vb_tpl_package *tp, const vb_value *root, unsigned flags,
                                     const vb_tpl_files *files, vb_tpl_traced_fn traced,
                                     void *traced_ud, vb_diags *d) {
  vb_render_ctx rc = {0};
  rc.ev.a = vb_arena_new();
  rc.ev.root = root;
  vb_arena *keep = vb_arena_new();
  vb_rich_env env = {.base_dir = files && files->base_dir ? files->base_dir : ".",
                     .allow_outside = files && files->allow_outside,
                     .cache = tp->media,
                     .text_width = tp->text_width,
                     .keep = keep};
  rc.ev.rich = &env;
  vb_page_ctx pages = {.styles = tp->page_styles, .styles_len = tp->page_styles_len};
  rc.pages = &pages;
  /* The page styles part, as rendered, and its place in the writer: the
   * turned pages' styles are added to it once every part is rendered. */
  const char *styles_part =
      (tp->turns_pages || tp->places_pictures) && !traced ? tp->doc->page_styles_part : NULL;
  char *styles_bytes = NULL;
  size_t styles_len = 0, styles_at = SIZE_MAX;
  vb_render_pkg rp = {.tp = tp, .rules = tp->doc->adds, .a = keep, .next_rel = tp->first_rel_id};
  if (!traced && rp.rules) rc.pkg = &rp;
  vb_add_slot *slots = NULL;
  size_t nslots = 0, slots_cap = 0;
  rc.fmt = tp->doc->text;
  rc.tpl_name = tp->name;
  rc.flags = flags;
  vb_tpl_trace trace = {.cur = SIZE_MAX};
  /* Bookmark ids above every id the template has (it may have bookmarks). */
  rc.mark_id = tp->first_mark_id;
  rc.d = d;
  /* Deflate level 1: documents come out about 5% larger than at level 6
   * (47.6 KB against 45.5 KB for the benchmark report) and are written two to
   * three times faster, which is what batches of thousands of units need. */
  vb_pkg_writer *w = vb_pkg_writer_new(VB_DEFLATE_LEVEL);
  /* Documents that update can regenerate say what made them. */
  int recording = (flags & VB_TPL_MARKS) != 0;
  size_t n = vb_pkg_count(tp->pkg);
  int failed = 0;
  for (size_t i = 0; i < n; i++) {
    const char *name = vb_pkg_name(tp->pkg, i);
    if (traced && !tp->parts[i]) continue;
    rc.part = name;
    if (tp->parts[i]) {
      vb_buf out = VB_BUF_INIT;
      vb_deflater *z = NULL; /* created by the first flush: only large parts stream */
      rc.ev.nvars = 0;
      /* The part that records what made the document is edited whole. */
      int records = recording && vb_doc_is_custom_part(tp->doc, name);
      int styles = styles_part && !strcmp(name, styles_part);
      rc.flush = traced || records || styles ? NULL : flush_to_deflater;
      rc.trace = traced ? &trace : NULL;
      rc.flush_ud = &z;
      rc.flushed = 0;
      if (vb_tpl_render_part(&rc, tp->parts[i], &out) != 0) failed = 1;
      if (records && !failed) record_rendered(tp, name, &out, d);
      if (traced && !failed && traced(traced_ud, name, vb_buf_cstr(&out), out.len, &trace) != 0)
        failed = 1;
      vb_tpl_trace_free(&trace);
      if (!traced && !failed && z) { /* streamed: finish the compressor's stream */
        vb_deflated packed;
        vb_deflater_write(z, out.data, out.len);
        if (vb_deflater_finish(z, &packed) != 0) {
          vb_error_rule(d, VB_EINTERNAL, "pkg.write", tp->name, name, "máy có thể đã hết bộ nhớ",
                        "không nén được phần vừa tạo");
          failed = 1;
        } else {
          vb_pkg_writer_add_deflated(w, name, &packed);
        }
      } else if (!traced && !failed) { /* whole: the writer compresses it the same way */
        size_t len;
        if (styles) {
          styles_at = vb_pkg_writer_count(w);
          styles_bytes = vb_xmalloc(out.len + 1);
          memcpy(styles_bytes, out.data ? out.data : "", out.len);
          styles_len = out.len;
        }
        char *bytes = vb_buf_detach(&out, &len);
        vb_pkg_writer_add_owned(w, name, bytes, len, 0);
      }
      vb_deflater_free(z);
      vb_buf_free(&out);
    } else if (tp->doc->stored_part && strcmp(name, tp->doc->stored_part) == 0) {
      /* First and stored, whatever the template did. */
      char *bytes = NULL;
      size_t len = 0;
      if (vb_pkg_read(tp->pkg, i, &bytes, &len, d) != 0)
        failed = 1;
      else
        vb_pkg_writer_add_owned(w, name, bytes, len, 1);
    } else {
      /* The record of what made the document may have changed the entry. */
      int recorded = recording && tp->recorded && tp->recorded[i];
      if (rc.pkg && rp.rules->is_listing(name)) { /* may change once the parts are rendered */
        slots = grow(slots, nslots, &slots_cap, sizeof *slots);
        slots[nslots].entry = i;
        slots[nslots].bytes = recorded ? tp->recorded[i] : NULL;
        slots[nslots].len = recorded ? tp->recorded_len[i] : 0;
        slots[nslots++].writer = vb_pkg_writer_count(w);
      }
      if (styles_part && !strcmp(name, styles_part)) styles_at = vb_pkg_writer_count(w);
      if (recorded)
        vb_pkg_writer_add(w, name, tp->recorded[i], tp->recorded_len[i], 0);
      else
        vb_pkg_writer_copy_raw(w, tp->pkg, i);
    }
  }
  if (recording && !traced && tp->added)
    vb_pkg_writer_add(w, tp->added_name, tp->added, tp->added_len, 0);
  if (!failed && rc.pkg && added_anything(&rp) &&
      rp.rules->finish(&rp.adds, tp->pkg, w, slots, nslots, d) != 0)
    failed = 1;
  if (!failed && (pages.nturned || pages.floats) && styles_at != SIZE_MAX && tp->doc->turn_styles) {
    vb_buf sb = VB_BUF_INIT;
    if (styles_bytes)
      vb_buf_put(&sb, styles_bytes, styles_len);
    else
      vb_buf_put(&sb, tp->page_styles, tp->page_styles_len);
    if (tp->doc->turn_styles(&sb, &pages) < 0) {
      vb_error_rule(d, VB_EINTERNAL, "tpl.page-styles", tp->name, styles_part,
                    "đây là lỗi của vanban: xin báo lại",
                    "không thêm được kiểu trang ngang hay kiểu của ảnh nổi");
      failed = 1;
      vb_buf_free(&sb);
    } else {
      size_t len;
      char *bytes = vb_buf_detach(&sb, &len);
      vb_pkg_writer_replace_owned(w, styles_at, bytes, len, 0);
    }
  }
  free(styles_bytes);
  vb_page_ctx_free(&pages);
  free(slots);
  render_pkg_free(&rp);
  free(rc.ev.vars);
  vb_buf_free(&rc.item_key);
  vb_arena_free(rc.ev.a);
  vb_arena_free(keep);
  if (failed) {
    vb_pkg_writer_free(w);
    return NULL;
  }
  return w;
}

vb_pkg_writer *vb_tpl_package_render(const vb_tpl_package *tp, const vb_value *root, unsigned flags,
                                     const vb_tpl_files *files, vb_diags *d) {
  return render_package(tp, root, flags, files, NULL, NULL, d);
}

int vb_tpl_package_trace(const vb_tpl_package *tp, const vb_value *root, unsigned flags,
                         const vb_tpl_files *files, vb_tpl_traced_fn fn, void *ud, vb_diags *d) {
  vb_pkg_writer *w = render_package(tp, root, flags, files, fn, ud, d);
  if (!w) return -1;
  vb_pkg_writer_free(w);
  return 0;
}

/* --- looking tags up -------------------------------------------------------- */

const vb_tag *vb_tpl_package_tag(const vb_tpl_package *tp, unsigned id) {
  return id < tp->ntags ? tp->tags[id] : NULL;
}

/* The innermost loop around the tag with this id: found by walking the IR. */
static const vb_tag *loop_in(const vb_ir_list *l, unsigned id, const vb_tag *loop) {
  for (size_t i = 0; i < l->len; i++) {
    const vb_ir *n = l->items[i];
    if (n->tag && n->kind == VB_IR_VALUE && n->tag->id == id) return loop ? loop : n->tag;
    const vb_tag *inner = n->kind == VB_IR_FOR ? n->tag : loop;
    const vb_tag *r = loop_in(&n->body, id, inner);
    if (!r) r = loop_in(&n->other, id, loop);
    if (r) return r;
  }
  return NULL;
}

const vb_tag *vb_tpl_package_loop_of(const vb_tpl_package *tp, unsigned id) {
  size_t n = vb_pkg_count(tp->pkg);
  for (size_t i = 0; i < n; i++) {
    if (!tp->parts[i]) continue;
    const vb_tag *r = loop_in(&tp->parts[i]->root, id, NULL);
    if (r) return r->kind == VB_TAG_FOR ? r : NULL;
  }
  return NULL;
}
