/* Reading a WordprocessingML document into the proofreading view
 * (fmt/doc.h): the main part found through the package relationships,
 * properties resolved the way Word does (document defaults, the style's
 * basedOn chain, the run style, direct formatting; theme fonts through the
 * theme part), sections from each w:sectPr with the header and footer parts
 * they reference (inherited from the previous section when not given),
 * PAGE fields, drawn lines and text boxes, comments. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "fmt/doc_read.h"
#include "fmt/format.h"
#include "util/buf.h"
#include "util/diag.h"
#include "xml/xml.h"

#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_WPS "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
#define NS_V "urn:schemas-microsoft-com:vml"
#define REL_DOC "/officeDocument"
#define REL_CUSTOM "/custom-properties"
#define NS_CUSTOM "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
#define REL_THEME "/theme"
#define REL_COMMENTS "/comments"

/* ---- properties ---- */

typedef struct rprops {
  const char *font;
  const char *theme;                      /* "minor" / "major" when a theme font is named */
  int size;                               /* 0 unset */
  signed char bold, italic, caps, vanish; /* -1 unset */
} rprops;

typedef struct pprops {
  int align; /* -1 unset */
  int ind_left, ind_right, ind_first, sb, sa, line, line_rule;
  signed char bdr_top, bdr_bottom, page_break, list;
} pprops;

typedef struct dstyle {
  const char *id, *name, *based_on;
  char type; /* 'p' paragraph, 'c' character, other */
  int is_default;
  pprops p;
  rprops r;
  int state; /* 0 raw, 1 resolving, 2 resolved */
} dstyle;

typedef struct docx_reader {
  vb_doc *doc;
  vb_doc_builder b;
  vb_doc_read_src *src;
  vb_diags *d;
  const char *main_name;
  const char *main_dir; /* "word/" */
  xmlDocPtr rels;       /* the main part's relationships */
  dstyle *styles;
  size_t nstyles;
  rprops def_r;
  pprops def_p;
  const char *minor_font, *major_font;
  /* walking state */
  vb_doc_area area;
  int part;
  int table, row, cell, level;
  int in_frame;
  size_t sec_start; /* first body paragraph of the section being read */
  int prev_sec;     /* index of the previous section */
  /* header and footer references, resolved once the body is read */
  struct hf_ref {
    int sec, slot; /* slot: 0-2 header first/default/even, 3-5 footer */
    const char *part;
  } * refs;
  size_t nrefs, refs_cap;
  /* the paragraph being read */
  int field_depth, field_instr; /* inside a complex field; reading its instruction */
  vb_buf instr;
  int page_field;
  int line_shape;
  xmlNode **boxes; /* text boxes met in this paragraph, read after it */
  size_t nboxes, boxes_cap;
  int depth; /* text boxes inside text boxes */
} docx_reader;

static const char *attr(const xmlNode *n, const char *name) {
  xmlAttr *a = n ? xmlHasNsProp(n, (const xmlChar *)name, (const xmlChar *)VB_NS_W) : NULL;
  if (!a || !a->children || !a->children->content) return NULL;
  return (const char *)a->children->content;
}

static const char *attr_ns(const xmlNode *n, const char *name, const char *ns) {
  xmlAttr *a = xmlHasNsProp(n, (const xmlChar *)name, (const xmlChar *)ns);
  if (!a || !a->children || !a->children->content) return NULL;
  return (const char *)a->children->content;
}

static int is_w(const xmlNode *n, const char *local) { return vb_xml_is(n, VB_NS_W, local); }

static xmlNode *child_w(const xmlNode *n, const char *local) {
  for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (is_w(c, local)) return c;
  return NULL;
}

static int int_attr(const xmlNode *n, const char *name, int dflt) {
  const char *v = attr(n, name);
  if (!v) return dflt;
  char *end;
  long x = strtol(v, &end, 10);
  if (end == v || x < -1000000 || x > 1000000) return dflt;
  return (int)x;
}

/* On/off properties: <w:b/>, w:val="1", "true", "on" / "0", "false", "off". */
static int onoff(const xmlNode *n) {
  const char *v = attr(n, "val");
  if (!v) return 1;
  return !(!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "none"));
}

static const char *adup(docx_reader *r, const char *s) {
  return s ? vb_arena_strdup(r->doc->arena, s) : NULL;
}

static void rprops_unset(rprops *p) {
  memset(p, 0, sizeof *p);
  p->bold = p->italic = p->caps = p->vanish = -1;
}

static void pprops_unset(pprops *p) {
  p->align = -1;
  p->ind_left = p->ind_right = p->ind_first = p->sb = p->sa = p->line = VB_DOC_UNSET;
  p->line_rule = -1;
  p->bdr_top = p->bdr_bottom = p->page_break = p->list = -1;
}

static void read_rpr(docx_reader *r, const xmlNode *rpr, rprops *p) {
  for (xmlNode *c = rpr ? rpr->children : NULL; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !is_w(c, (const char *)c->name)) continue;
    const char *n = (const char *)c->name;
    if (!strcmp(n, "rFonts")) {
      const char *th = attr(c, "hAnsiTheme");
      if (!th) th = attr(c, "asciiTheme");
      const char *f = attr(c, "hAnsi");
      if (!f) f = attr(c, "ascii");
      if (th) {
        p->theme = !strncmp(th, "major", 5) ? "major" : "minor";
        p->font = NULL;
      } else if (f) {
        p->font = adup(r, f);
        p->theme = NULL;
      }
    } else if (!strcmp(n, "sz")) {
      int v = int_attr(c, "val", 0);
      if (v > 0 && v < 3200) p->size = v;
    } else if (!strcmp(n, "b")) {
      p->bold = (signed char)onoff(c);
    } else if (!strcmp(n, "i")) {
      p->italic = (signed char)onoff(c);
    } else if (!strcmp(n, "caps")) {
      p->caps = (signed char)onoff(c);
    } else if (!strcmp(n, "vanish") || !strcmp(n, "webHidden")) {
      p->vanish = (signed char)onoff(c);
    }
  }
}

static int visible_border(const xmlNode *b) {
  const char *v = attr(b, "val");
  return b && v && strcmp(v, "none") != 0 && strcmp(v, "nil") != 0;
}

static void read_ppr(const xmlNode *ppr, pprops *p) {
  for (xmlNode *c = ppr ? ppr->children : NULL; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !is_w(c, (const char *)c->name)) continue;
    const char *n = (const char *)c->name;
    if (!strcmp(n, "jc")) {
      const char *v = attr(c, "val");
      if (!v) continue;
      if (!strcmp(v, "center"))
        p->align = VB_ALIGN_CENTER;
      else if (!strcmp(v, "right") || !strcmp(v, "end"))
        p->align = VB_ALIGN_RIGHT;
      else if (!strcmp(v, "both") || !strcmp(v, "distribute") || !strcmp(v, "justify") ||
               !strncmp(v, "lowKashida", 10) || !strncmp(v, "highKashida", 11) ||
               !strcmp(v, "mediumKashida") || !strcmp(v, "thaiDistribute"))
        p->align = VB_ALIGN_JUSTIFY;
      else
        p->align = VB_ALIGN_LEFT;
    } else if (!strcmp(n, "ind")) {
      int v = int_attr(c, "left", int_attr(c, "start", VB_DOC_UNSET));
      if (v != VB_DOC_UNSET) p->ind_left = v;
      v = int_attr(c, "right", int_attr(c, "end", VB_DOC_UNSET));
      if (v != VB_DOC_UNSET) p->ind_right = v;
      v = int_attr(c, "hanging", VB_DOC_UNSET);
      if (v != VB_DOC_UNSET) p->ind_first = -v;
      v = int_attr(c, "firstLine", VB_DOC_UNSET);
      if (v != VB_DOC_UNSET && attr(c, "hanging") == NULL) p->ind_first = v;
    } else if (!strcmp(n, "spacing")) {
      int v = int_attr(c, "before", VB_DOC_UNSET);
      if (v != VB_DOC_UNSET) p->sb = v;
      v = int_attr(c, "after", VB_DOC_UNSET);
      if (v != VB_DOC_UNSET) p->sa = v;
      v = int_attr(c, "line", VB_DOC_UNSET);
      if (v != VB_DOC_UNSET) {
        p->line = v;
        const char *rule = attr(c, "lineRule");
        p->line_rule = !rule || !strcmp(rule, "auto") ? VB_LINE_AUTO
                       : !strcmp(rule, "exact")       ? VB_LINE_EXACT
                                                      : VB_LINE_AT_LEAST;
      }
    } else if (!strcmp(n, "pBdr")) {
      p->bdr_top = (signed char)visible_border(child_w(c, "top"));
      p->bdr_bottom = (signed char)visible_border(child_w(c, "bottom"));
    } else if (!strcmp(n, "pageBreakBefore")) {
      p->page_break = (signed char)onoff(c);
    } else if (!strcmp(n, "numPr")) {
      xmlNode *id = child_w(c, "numId");
      p->list = (signed char)(id && int_attr(id, "val", 0) != 0);
    }
  }
}

static void merge_r(rprops *dst, const rprops *src) {
  if (src->font || src->theme) {
    dst->font = src->font;
    dst->theme = src->theme;
  }
  if (src->size) dst->size = src->size;
  if (src->bold >= 0) dst->bold = src->bold;
  if (src->italic >= 0) dst->italic = src->italic;
  if (src->caps >= 0) dst->caps = src->caps;
  if (src->vanish >= 0) dst->vanish = src->vanish;
}

static void merge_p(pprops *dst, const pprops *src) {
  if (src->align >= 0) dst->align = src->align;
  if (src->ind_left != VB_DOC_UNSET) dst->ind_left = src->ind_left;
  if (src->ind_right != VB_DOC_UNSET) dst->ind_right = src->ind_right;
  if (src->ind_first != VB_DOC_UNSET) dst->ind_first = src->ind_first;
  if (src->sb != VB_DOC_UNSET) dst->sb = src->sb;
  if (src->sa != VB_DOC_UNSET) dst->sa = src->sa;
  if (src->line != VB_DOC_UNSET) {
    dst->line = src->line;
    dst->line_rule = src->line_rule;
  }
  if (src->bdr_top >= 0) dst->bdr_top = src->bdr_top;
  if (src->bdr_bottom >= 0) dst->bdr_bottom = src->bdr_bottom;
  if (src->page_break >= 0) dst->page_break = src->page_break;
  if (src->list >= 0) dst->list = src->list;
}

static dstyle *find_style(docx_reader *r, const char *id, char type) {
  if (!id) return NULL;
  for (size_t i = 0; i < r->nstyles; i++)
    if (r->styles[i].type == type && !strcmp(r->styles[i].id, id)) return &r->styles[i];
  return NULL;
}

/* A style's own properties merged over its basedOn chain (a cycle or a chain
 * deeper than Word allows just stops). */
static void resolve_style(docx_reader *r, dstyle *s, int depth) {
  if (s->state == 2) return;
  if (s->state == 1 || depth > 32) {
    s->state = 2;
    return;
  }
  s->state = 1;
  dstyle *base = find_style(r, s->based_on, s->type);
  if (base) {
    resolve_style(r, base, depth + 1);
    pprops p = base->p;
    rprops rr = base->r;
    merge_p(&p, &s->p);
    merge_r(&rr, &s->r);
    s->p = p;
    s->r = rr;
  }
  s->state = 2;
}

static void read_styles(docx_reader *r, xmlDocPtr sd) {
  xmlNode *root = xmlDocGetRootElement(sd);
  size_t cap = 0;
  for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
    if (is_w(c, "docDefaults")) {
      xmlNode *rd = child_w(child_w(c, "rPrDefault"), "rPr");
      xmlNode *pd = child_w(child_w(c, "pPrDefault"), "pPr");
      read_rpr(r, rd, &r->def_r);
      read_ppr(pd, &r->def_p);
    } else if (is_w(c, "style")) {
      const char *id = attr(c, "styleId");
      const char *type = attr(c, "type");
      if (!id || !type) continue;
      if (r->nstyles == cap) {
        cap = cap ? 2 * cap : 64;
        r->styles = vb_xrealloc(r->styles, cap * sizeof *r->styles);
      }
      dstyle *s = &r->styles[r->nstyles++];
      memset(s, 0, sizeof *s);
      s->id = adup(r, id);
      s->type = !strcmp(type, "paragraph") ? 'p' : !strcmp(type, "character") ? 'c' : 'o';
      s->is_default = onoff(c) && attr(c, "default") != NULL && !strcmp(attr(c, "default"), "1");
      xmlNode *nm = child_w(c, "name");
      s->name = adup(r, nm ? attr(nm, "val") : id);
      xmlNode *bo = child_w(c, "basedOn");
      s->based_on = bo ? adup(r, attr(bo, "val")) : NULL;
      pprops_unset(&s->p);
      rprops_unset(&s->r);
      read_ppr(child_w(c, "pPr"), &s->p);
      read_rpr(r, child_w(c, "rPr"), &s->r);
    }
  }
  for (size_t i = 0; i < r->nstyles; i++)
    resolve_style(r, &r->styles[i], 0);
}

static void read_theme(docx_reader *r, xmlDocPtr td) {
  /* a:theme/a:themeElements/a:fontScheme/a:minorFont/a:latin@typeface */
  xmlNode *root = xmlDocGetRootElement(td);
  xmlNode *stack[8];
  int sp = 0;
  if (root) stack[sp++] = root;
  while (sp > 0) {
    xmlNode *n = stack[--sp];
    for (xmlNode *c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (vb_xml_is(c, NS_A, "minorFont") || vb_xml_is(c, NS_A, "majorFont")) {
        for (xmlNode *l = c->children; l; l = l->next)
          if (vb_xml_is(l, NS_A, "latin")) {
            xmlChar *tf = xmlGetProp(l, (const xmlChar *)"typeface");
            if (tf) {
              const char **dst = c->name[1] == 'i' ? &r->minor_font : &r->major_font;
              *dst = adup(r, (const char *)tf);
              xmlFree(tf);
            }
          }
      } else if (sp < 8 &&
                 (vb_xml_is(c, NS_A, "themeElements") || vb_xml_is(c, NS_A, "fontScheme"))) {
        stack[sp++] = c;
      }
    }
  }
}

/* ---- relationships ---- */

/* Target of the relationship of the given type (ending) or id, as a part
 * name; NULL when there is none or it is external. */
static const char *rel_target(docx_reader *r, xmlDocPtr rels, const char *base_dir, const char *id,
                              const char *type_suffix) {
  xmlNode *root = rels ? xmlDocGetRootElement(rels) : NULL;
  for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
    if (!vb_xml_is(c, NS_PR, "Relationship")) continue;
    xmlChar *rid = xmlGetProp(c, (const xmlChar *)"Id");
    xmlChar *type = xmlGetProp(c, (const xmlChar *)"Type");
    xmlChar *target = xmlGetProp(c, (const xmlChar *)"Target");
    xmlChar *mode = xmlGetProp(c, (const xmlChar *)"TargetMode");
    int match = target && !(mode && !xmlStrcmp(mode, (const xmlChar *)"External"));
    if (match && id) match = rid && !strcmp((const char *)rid, id);
    if (match && type_suffix) {
      size_t tl = type ? strlen((const char *)type) : 0, sl = strlen(type_suffix);
      match = tl >= sl && !strcmp((const char *)type + tl - sl, type_suffix);
    }
    const char *out = NULL;
    if (match) {
      const char *t = (const char *)target;
      vb_buf b = VB_BUF_INIT;
      if (t[0] == '/')
        vb_buf_puts(&b, t + 1);
      else {
        vb_buf_puts(&b, base_dir);
        /* "../x" from word/ goes to the root */
        while (!strncmp(t, "../", 3)) {
          t += 3;
          if (b.len > 0) {
            b.len--;
            while (b.len > 0 && b.data[b.len - 1] != '/')
              b.len--;
            b.data[b.len] = 0;
          }
        }
        vb_buf_puts(&b, t);
      }
      out = vb_arena_strdup(r->doc->arena, vb_buf_cstr(&b));
      vb_buf_free(&b);
    }
    xmlFree(rid);
    xmlFree(type);
    xmlFree(target);
    xmlFree(mode);
    if (out) return out;
  }
  return NULL;
}

/* ---- text ---- */

static void resolved_chars(docx_reader *r, const rprops *rp, vb_doc_chars *c) {
  c->font = rp->theme ? (!strcmp(rp->theme, "major") ? r->major_font : r->minor_font) : rp->font;
  c->size = rp->size;
  c->bold = rp->bold > 0;
  c->italic = rp->italic > 0;
  c->caps = rp->caps > 0;
}

static void walk_block(docx_reader *r, xmlNode *container);

static void add_box(docx_reader *r, xmlNode *box) {
  if (r->nboxes == r->boxes_cap) {
    r->boxes_cap = r->boxes_cap ? 2 * r->boxes_cap : 4;
    r->boxes = vb_xrealloc(r->boxes, r->boxes_cap * sizeof *r->boxes);
  }
  r->boxes[r->nboxes++] = box;
}

/* A drawing or VML picture: drawn lines mark the paragraph, text boxes are
 * read as paragraphs of their own after it. */
static void scan_drawing(docx_reader *r, xmlNode *n, int depth) {
  if (depth > 40) return;
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_w(c, "txbxContent")) {
      add_box(r, c);
      continue;
    }
    if (vb_xml_is(c, NS_A, "prstGeom")) {
      xmlChar *prst = xmlGetProp(c, (const xmlChar *)"prst");
      if (prst && (!xmlStrcmp(prst, (const xmlChar *)"line") ||
                   !xmlStrncmp(prst, (const xmlChar *)"straightConnector", 17)))
        r->line_shape = 1;
      xmlFree(prst);
      continue;
    }
    if (vb_xml_is(c, NS_V, "line")) r->line_shape = 1;
    if (vb_xml_is(c, NS_MC, "AlternateContent")) {
      xmlNode *choice = NULL;
      for (xmlNode *k = c->children; k && !choice; k = k->next)
        if (vb_xml_is(k, NS_MC, "Choice")) choice = k;
      if (choice) scan_drawing(r, choice, depth + 1);
      continue;
    }
    scan_drawing(r, c, depth + 1);
  }
}

static void field_instruction_done(docx_reader *r) {
  const char *s = vb_buf_cstr(&r->instr);
  while (*s == ' ')
    s++;
  if (!strncmp(s, "PAGE", 4) && (s[4] == 0 || s[4] == ' ' || s[4] == '\\')) r->page_field = 1;
  vb_buf_clear(&r->instr);
}

static void read_run(docx_reader *r, xmlNode *run, const rprops *para_r) {
  rprops rp = *para_r;
  xmlNode *rpr = child_w(run, "rPr");
  if (rpr) {
    xmlNode *rs = child_w(rpr, "rStyle");
    dstyle *cs = rs ? find_style(r, attr(rs, "val"), 'c') : NULL;
    if (cs) merge_r(&rp, &cs->r);
    rprops direct;
    rprops_unset(&direct);
    read_rpr(r, rpr, &direct);
    merge_r(&rp, &direct);
  }
  vb_doc_chars ch;
  resolved_chars(r, &rp, &ch);
  int hidden = rp.vanish > 0;
  for (xmlNode *c = run->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (vb_xml_is(c, NS_MC, "AlternateContent") || is_w(c, "drawing") || is_w(c, "pict") ||
        is_w(c, "object")) {
      scan_drawing(r, c, 0);
      continue;
    }
    if (!c->ns || !c->ns->href || strcmp((const char *)c->ns->href, VB_NS_W) != 0) continue;
    const char *n = (const char *)c->name;
    if (!strcmp(n, "fldChar")) {
      const char *t = attr(c, "fldCharType");
      if (!t) continue;
      if (!strcmp(t, "begin")) {
        r->field_depth++;
        r->field_instr = 1;
        vb_buf_clear(&r->instr);
      } else if (!strcmp(t, "separate")) {
        if (r->field_instr) field_instruction_done(r);
        r->field_instr = 0;
      } else if (!strcmp(t, "end")) {
        if (r->field_instr) field_instruction_done(r);
        r->field_instr = 0;
        if (r->field_depth > 0) r->field_depth--;
      }
      continue;
    }
    if (!strcmp(n, "instrText")) {
      xmlChar *t = xmlNodeGetContent(c);
      if (t) vb_buf_puts(&r->instr, (const char *)t);
      xmlFree(t);
      continue;
    }
    if (r->field_instr || hidden) continue;
    if (!strcmp(n, "t")) {
      xmlNode *tn = c->children;
      if (tn && tn->type == XML_TEXT_NODE && tn->content)
        vb_docb_text(&r->b, (const char *)tn->content, strlen((const char *)tn->content), &ch, c,
                     0);
    } else if (!strcmp(n, "tab") || !strcmp(n, "ptab")) {
      vb_docb_text(&r->b, "\t", 1, &ch, c, VB_DOC_ELEMENT);
    } else if (!strcmp(n, "br") || !strcmp(n, "cr")) {
      vb_docb_text(&r->b, "\n", 1, &ch, c, VB_DOC_ELEMENT);
    } else if (!strcmp(n, "noBreakHyphen")) {
      vb_docb_text(&r->b, "-", 1, &ch, c, VB_DOC_ELEMENT);
    }
  }
}

static void walk_inline(docx_reader *r, xmlNode *n, const rprops *para_r, int depth) {
  if (depth > 64) return;
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_w(c, "r")) {
      read_run(r, c, para_r);
    } else if (is_w(c, "fldSimple")) {
      vb_buf_clear(&r->instr);
      const char *in = attr(c, "instr");
      if (in) vb_buf_puts(&r->instr, in);
      field_instruction_done(r);
      walk_inline(r, c, para_r, depth + 1);
    } else if (is_w(c, "hyperlink") || is_w(c, "smartTag") || is_w(c, "ins") || is_w(c, "moveTo") ||
               is_w(c, "customXml") || is_w(c, "dir") || is_w(c, "bdo")) {
      walk_inline(r, c, para_r, depth + 1);
    } else if (is_w(c, "sdt")) {
      xmlNode *content = child_w(c, "sdtContent");
      if (content) walk_inline(r, content, para_r, depth + 1);
    } else if (vb_xml_is(c, NS_MC, "AlternateContent")) {
      scan_drawing(r, c, 0);
    }
  }
}

static void add_ref(docx_reader *r, int sec, int slot, const char *part) {
  if (r->nrefs == r->refs_cap) {
    r->refs_cap = r->refs_cap ? 2 * r->refs_cap : 8;
    r->refs = vb_xrealloc(r->refs, r->refs_cap * sizeof *r->refs);
  }
  r->refs[r->nrefs++] = (struct hf_ref){sec, slot, part};
}

static int *section_slot(vb_doc_section *s, int slot) {
  switch (slot) {
  case 0: return &s->header_first;
  case 1: return &s->header_default;
  case 2: return &s->header_even;
  case 3: return &s->footer_first;
  case 4: return &s->footer_default;
  default: return &s->footer_even;
  }
}

/* Read a w:sectPr into a new section covering the body paragraphs read
 * since the previous one. */
static void read_section(docx_reader *r, xmlNode *sp) {
  size_t si = vb_docb_section(&r->b);
  vb_doc_section *s = &r->doc->sections[si];
  xmlNode *sz = child_w(sp, "pgSz"), *mar = child_w(sp, "pgMar");
  if (sz) {
    s->page_w = int_attr(sz, "w", VB_DOC_UNSET);
    s->page_h = int_attr(sz, "h", VB_DOC_UNSET);
    const char *o = attr(sz, "orient");
    s->landscape =
        (o && !strcmp(o, "landscape")) ||
        (s->page_w != VB_DOC_UNSET && s->page_h != VB_DOC_UNSET && s->page_w > s->page_h);
  }
  if (mar) {
    s->m_top = int_attr(mar, "top", VB_DOC_UNSET);
    s->m_bottom = int_attr(mar, "bottom", VB_DOC_UNSET);
    s->m_left = int_attr(mar, "left", VB_DOC_UNSET);
    s->m_right = int_attr(mar, "right", VB_DOC_UNSET);
    s->m_header = int_attr(mar, "header", VB_DOC_UNSET);
    s->m_footer = int_attr(mar, "footer", VB_DOC_UNSET);
    /* a negative top/bottom margin is "at least, never moved by the header" */
    if (s->m_top != VB_DOC_UNSET && s->m_top < 0) s->m_top = -s->m_top;
    if (s->m_bottom != VB_DOC_UNSET && s->m_bottom < 0) s->m_bottom = -s->m_bottom;
  }
  xmlNode *tp = child_w(sp, "titlePg");
  s->title_page = tp && onoff(tp);
  xmlNode *pn = child_w(sp, "pgNumType");
  s->page_start = pn ? int_attr(pn, "start", 0) : 0;
  for (xmlNode *c = sp->children; c; c = c->next) {
    int header = is_w(c, "headerReference");
    if (!header && !is_w(c, "footerReference")) continue;
    const char *type = attr(c, "type");
    const char *id = attr_ns(c, "id", NS_R);
    int slot = (header ? 0 : 3) + (!type || !strcmp(type, "default") ? 1
                                   : !strcmp(type, "first")          ? 0
                                                                     : 2);
    add_ref(r, (int)si, slot, id ? rel_target(r, r->rels, r->main_dir, id, NULL) : NULL);
  }
  s = &r->doc->sections[si];
  s->first_para = r->sec_start;
  for (size_t i = r->sec_start; i < r->doc->npara; i++)
    if (r->doc->paras[i].area == VB_AREA_BODY) r->doc->paras[i].section = (int)si;
  r->sec_start = r->doc->npara;
  r->prev_sec = (int)si;
}

static void read_para(docx_reader *r, xmlNode *p) {
  xmlNode *ppr = child_w(p, "pPr");
  pprops pp = r->def_p;
  rprops rp = r->def_r;
  dstyle *ps = NULL;
  xmlNode *pst = child_w(ppr, "pStyle");
  if (pst) ps = find_style(r, attr(pst, "val"), 'p');
  if (!ps)
    for (size_t i = 0; i < r->nstyles && !ps; i++)
      if (r->styles[i].type == 'p' && r->styles[i].is_default) ps = &r->styles[i];
  if (ps) {
    merge_p(&pp, &ps->p);
    merge_r(&rp, &ps->r);
  }
  pprops direct;
  pprops_unset(&direct);
  read_ppr(ppr, &direct);
  merge_p(&pp, &direct);

  r->page_field = 0;
  r->line_shape = 0;
  size_t box_mark = r->nboxes;
  vb_docb_para_begin(&r->b);
  walk_inline(r, p, &rp, 0);
  vb_doc_para proto = {0};
  proto.area = r->area;
  proto.part = r->part;
  proto.style = ps ? ps->name : NULL;
  proto.align = pp.align >= 0 ? (vb_doc_align)pp.align : VB_ALIGN_LEFT;
  proto.ind_left = pp.ind_left == VB_DOC_UNSET ? 0 : pp.ind_left;
  proto.ind_right = pp.ind_right == VB_DOC_UNSET ? 0 : pp.ind_right;
  proto.ind_first = pp.ind_first == VB_DOC_UNSET ? 0 : pp.ind_first;
  proto.space_before = pp.sb == VB_DOC_UNSET ? 0 : pp.sb;
  proto.space_after = pp.sa == VB_DOC_UNSET ? 0 : pp.sa;
  proto.line = pp.line == VB_DOC_UNSET ? 240 : pp.line;
  proto.line_rule = pp.line == VB_DOC_UNSET ? VB_LINE_AUTO : (vb_doc_line_rule)pp.line_rule;
  proto.border_top = pp.bdr_top > 0;
  proto.border_bottom = pp.bdr_bottom > 0;
  proto.line_shape = (unsigned char)r->line_shape;
  proto.list = pp.list > 0;
  proto.in_frame = (unsigned char)r->in_frame;
  proto.page_break_before = pp.page_break > 0;
  proto.table = r->table;
  proto.row = r->row;
  proto.cell = r->cell;
  proto.table_level = r->level;
  proto.node = p;
  vb_docb_para_end(&r->b, &proto);
  if (r->page_field && r->part >= 0) r->doc->parts[r->part].page_field = 1;

  /* text boxes anchored here, as paragraphs of their own */
  size_t end = r->nboxes;
  if (end > box_mark && r->depth < 4) {
    xmlNode **boxes = vb_xmalloc((end - box_mark) * sizeof *boxes);
    memcpy(boxes, r->boxes + box_mark, (end - box_mark) * sizeof *boxes);
    r->nboxes = box_mark;
    int saved = r->in_frame;
    r->in_frame = 1;
    r->depth++;
    for (size_t i = 0; i < end - box_mark; i++)
      walk_block(r, boxes[i]);
    r->depth--;
    r->in_frame = saved;
    free(boxes);
  }
  r->nboxes = box_mark;

  xmlNode *sect = child_w(ppr, "sectPr");
  if (sect && r->area == VB_AREA_BODY && !r->in_frame && r->level == 0) read_section(r, sect);
}

static void read_table(docx_reader *r, xmlNode *tbl, int depth);

static void walk_rows(docx_reader *r, xmlNode *n, int depth) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (is_w(c, "tr")) {
      r->row++;
      r->cell = 0;
      for (xmlNode *tc = c->children; tc; tc = tc->next) {
        xmlNode *cell = tc;
        if (is_w(tc, "sdt")) cell = child_w(child_w(tc, "sdtContent"), "tc");
        if (!is_w(cell, "tc")) continue;
        r->cell++;
        int t = r->table, rw = r->row, cl = r->cell;
        walk_block(r, cell);
        r->table = t, r->row = rw, r->cell = cl;
      }
    } else if ((is_w(c, "sdt") || is_w(c, "customXml")) && depth < 16) {
      xmlNode *content = is_w(c, "sdt") ? child_w(c, "sdtContent") : c;
      if (content) walk_rows(r, content, depth + 1);
    }
  }
}

static void read_table(docx_reader *r, xmlNode *tbl, int depth) {
  int t = r->table, rw = r->row, cl = r->cell;
  r->table = ++r->doc->ntables;
  r->row = r->cell = 0;
  r->level++;
  walk_rows(r, tbl, depth);
  r->level--;
  r->table = t, r->row = rw, r->cell = cl;
}

static void walk_block_depth(docx_reader *r, xmlNode *container, int depth) {
  if (depth > 32) return;
  for (xmlNode *c = container->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_w(c, "p"))
      read_para(r, c);
    else if (is_w(c, "tbl"))
      read_table(r, c, depth);
    else if (is_w(c, "sdt")) {
      xmlNode *content = child_w(c, "sdtContent");
      if (content) walk_block_depth(r, content, depth + 1);
    } else if (is_w(c, "customXml") || is_w(c, "ins") || is_w(c, "moveTo"))
      walk_block_depth(r, c, depth + 1);
    else if (is_w(c, "sectPr") && r->area == VB_AREA_BODY && r->level == 0 && !r->in_frame)
      read_section(r, c);
  }
}

static void walk_block(docx_reader *r, xmlNode *container) { walk_block_depth(r, container, 0); }

/* ---- the reader ---- */

/* A header or footer part, read once however many sections use it. */
static int read_hf(docx_reader *r, const char *part, int header) {
  for (size_t i = 0; i < r->doc->nparts; i++)
    if (!strcmp(r->doc->parts[i].name, part)) return (int)i;
  xmlDocPtr x = vb_doc_read_part(r->src, part, 1);
  xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
  if (!root) return -1;
  vb_doc_area area = header ? VB_AREA_HEADER : VB_AREA_FOOTER;
  size_t pi = vb_docb_part(&r->b, area, part);
  r->area = area;
  r->part = (int)pi;
  r->table = r->row = r->cell = r->level = 0;
  r->doc->parts[pi].first_para = r->doc->npara;
  walk_block(r, root);
  r->doc->parts[pi].npara = r->doc->npara - r->doc->parts[pi].first_para;
  return (int)pi;
}

/* Each section's headers and footers: the ones it names, else the previous
 * section's (Word's rule). */
static void resolve_refs(docx_reader *r) {
  size_t ns = r->doc->nsections;
  unsigned char *given = vb_xcalloc(ns ? ns : 1, 6);
  for (size_t i = 0; i < r->nrefs; i++) {
    struct hf_ref *f = &r->refs[i];
    int part = f->part ? read_hf(r, f->part, f->slot < 3) : -1;
    *section_slot(&r->doc->sections[f->sec], f->slot) = part;
    given[(size_t)f->sec * 6 + (size_t)f->slot] = 1;
  }
  for (size_t s = 1; s < ns; s++)
    for (int k = 0; k < 6; k++)
      if (!given[s * 6 + (size_t)k])
        *section_slot(&r->doc->sections[s], k) = *section_slot(&r->doc->sections[s - 1], k);
  free(given);
}

static void read_comments(docx_reader *r, xmlDocPtr cd) {
  xmlNode *root = xmlDocGetRootElement(cd);
  for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
    if (!is_w(c, "comment")) continue;
    vb_buf t = VB_BUF_INIT;
    for (xmlNode *p = c->children; p; p = p->next) {
      if (!is_w(p, "p")) continue;
      xmlChar *s = xmlNodeGetContent(p);
      if (t.len) vb_buf_putc(&t, '\n');
      if (s) vb_buf_puts(&t, (const char *)s);
      xmlFree(s);
    }
    vb_docb_comment(&r->b, attr(c, "author"), vb_buf_cstr(&t), NULL);
    vb_buf_free(&t);
  }
}

/* The custom property "_vanban_ignore" (docProps/custom.xml). */
static void read_custom(docx_reader *r, xmlDocPtr cp) {
  xmlNode *root = xmlDocGetRootElement(cp);
  for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
    if (!vb_xml_is(c, NS_CUSTOM, "property")) continue;
    const char *name = attr_ns(c, "name", NULL);
    if (!name || strcmp(name, VB_DOC_IGNORE_PROPERTY) != 0) continue;
    xmlChar *v = xmlNodeGetContent(c);
    if (v) r->doc->ignore = adup(r, (const char *)v);
    xmlFree(v);
    return;
  }
}

/* The body, headers and footers (read as sections reference them), comments. */
int vb_docx_read(vb_doc_read_src *src, vb_doc *doc, vb_diags *d) {
  docx_reader rd;
  memset(&rd, 0, sizeof rd);
  docx_reader *r = &rd;
  r->doc = doc;
  r->src = src;
  r->d = d;
  r->part = -1;
  r->prev_sec = -1;
  rprops_unset(&r->def_r);
  pprops_unset(&r->def_p);
  vb_docb_init(&r->b, doc);
  src->reader = r;
  int rc = -1;

  xmlDocPtr root_rels = vb_doc_read_part(src, "_rels/.rels", 1);
  r->main_name = root_rels ? rel_target(r, root_rels, "", NULL, REL_DOC) : NULL;
  if (!r->main_name) r->main_name = "word/document.xml";
  const char *slash = strrchr(r->main_name, '/');
  r->main_dir =
      slash ? vb_arena_strndup(doc->arena, r->main_name, (size_t)(slash - r->main_name + 1)) : "";
  src->main_part = r->main_name;
  xmlDocPtr main = vb_doc_read_part(src, r->main_name, 1);
  if (!main) {
    if (!vb_diags_errors(d))
      vb_error_rule(d, VB_EDATA, "doc.damaged", doc->file, NULL,
                    "mở tệp bằng Word hay LibreOffice rồi lưu thành .docx",
                    "không phải văn bản Word: không có phần văn bản chính (%s)", r->main_name);
    goto out;
  }
  vb_buf relname = VB_BUF_INIT;
  vb_buf_printf(&relname, "%s_rels/%s.rels", r->main_dir, slash ? slash + 1 : r->main_name);
  r->rels = vb_doc_read_part(src, vb_buf_cstr(&relname), 1);
  vb_buf_free(&relname);
  const char *theme = rel_target(r, r->rels, r->main_dir, NULL, REL_THEME);
  xmlDocPtr td = theme ? vb_doc_read_part(src, theme, 1) : NULL;
  if (td) read_theme(r, td);
  const char *styles = rel_target(r, r->rels, r->main_dir, NULL, "/styles");
  xmlDocPtr sd = styles ? vb_doc_read_part(src, styles, 1) : NULL;
  if (sd) read_styles(r, sd);
  if (vb_diags_errors(d)) goto out;

  xmlNode *body = child_w(xmlDocGetRootElement(main), "body");
  if (!is_w(xmlDocGetRootElement(main), "document") || !body) {
    vb_error_rule(d, VB_EDATA, "doc.damaged", doc->file, r->main_name,
                  "mở tệp bằng Word hay LibreOffice rồi lưu thành .docx",
                  "không phải văn bản Word: %s không có w:document/w:body", r->main_name);
    goto out;
  }
  r->area = VB_AREA_BODY;
  walk_block(r, body);
  if (vb_diags_errors(d)) goto out;
  /* paragraphs after the last sectPr (a body without one) */
  if (doc->nsections == 0 || r->sec_start < doc->npara) {
    size_t si = vb_docb_section(&r->b);
    doc->sections[si].first_para = r->sec_start;
    for (size_t i = r->sec_start; i < doc->npara; i++)
      if (doc->paras[i].area == VB_AREA_BODY) doc->paras[i].section = (int)si;
  }
  doc->nbody = doc->npara;
  resolve_refs(r);
  const char *comments = rel_target(r, r->rels, r->main_dir, NULL, REL_COMMENTS);
  xmlDocPtr cd = comments ? vb_doc_read_part(src, comments, 1) : NULL;
  if (cd) read_comments(r, cd);
  const char *custom = root_rels ? rel_target(r, root_rels, "", NULL, REL_CUSTOM) : NULL;
  xmlDocPtr cp = custom ? vb_doc_read_part(src, custom, 1) : NULL;
  if (cp) read_custom(r, cp);
  rc = vb_diags_errors(d) ? -1 : 0;
out:
  vb_docb_finish(&r->b);
  vb_docb_done(&r->b);
  vb_buf_free(&r->instr);
  free(r->styles);
  free(r->boxes);
  free(r->refs);
  src->reader = NULL;
  return rc;
}
