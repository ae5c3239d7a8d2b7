#include "xml/xml.h"

#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <stdint.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "util/buf.h"
#include "util/diag.h"

/* Deliberately absent: XML_PARSE_NOENT (entity substitution), XML_PARSE_DTDLOAD,
 * XML_PARSE_DTDATTR, XML_PARSE_DTDVALID (no DTD is ever read), XML_PARSE_XINCLUDE,
 * XML_PARSE_HUGE (keep the depth and text-size limits), XML_PARSE_RECOVER (a
 * broken part is an error, not a guess), XML_PARSE_NOBLANKS (whitespace in w:t
 * and text:p is content), XML_PARSE_NOCDATA and XML_PARSE_COMPACT (the tree is
 * edited later). BIG_LINES keeps line numbers right past 65535. */
#define VB_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void do_init(void) { xmlInitParser(); }

void vb_xml_init(void) { pthread_once(&init_once, do_init); }

/* The first error of the parse running on this thread. Thread-local because
 * libxml2 hands the callbacks the parser context, which has no safe slot of
 * ours (xmlCtxtReset may clear _private). */
typedef struct parse_state {
  int have;
  int line, col;
  int code;
  char *msg;
} parse_state;

static _Thread_local parse_state *cur;

static void record(int line, int col, int code, const char *msg) {
  if (!cur || cur->have) return; /* later errors are mostly consequences of the first */
  cur->have = 1;
  cur->line = line;
  cur->col = col;
  cur->code = code;
  /* The message must not contain "use XML_PARSE_HUGE": the limit is wanted. */
  if (strstr(msg, "Excessive depth")) {
    cur->code = -2;
    msg = "các phần tử lồng nhau quá sâu (libxml2 cho tối đa 256 cấp)";
  }
  /* One line: libxml2 puts details ("Bytes: 0xFF ...") on a second line. */
  size_t n = strlen(msg);
  while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
    n--;
  char *m = vb_xstrndup(msg, n);
  for (char *c = m; *c; c++)
    if (*c == '\n') *c = ' ';
  cur->msg = m;
}

static void on_structured_error(void *ctx, xmlErrorPtr e) {
  (void)ctx;
  if (!e || e->level < XML_ERR_ERROR) return; /* warnings are not worth a diagnostic */
  record(e->line, e->int2, e->code, e->message ? e->message : "unknown XML error");
}

/* Errors libxml2 raises without a parser context (some encoding errors) go to
 * the thread's generic handler: swallow them rather than print them. */
static void on_generic_error(void *ctx, const char *fmt, ...) {
  (void)ctx;
  (void)fmt;
}

/* Called as soon as "<!DOCTYPE name ..." is read, before any declaration in
 * the internal subset: stopping here means no entity is ever declared. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext_id,
                       const xmlChar *sys_id) {
  (void)name;
  (void)ext_id;
  (void)sys_id;
  xmlParserCtxtPtr ctxt = ctx;
  record(ctxt->input ? ctxt->input->line : 0, ctxt->input ? ctxt->input->col : 0, -1,
         "phần của gói không được có DOCTYPE: có thể là tấn công bằng thực thể XML "
         "(XXE / billion laughs)");
  xmlStopParser(ctxt);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content) {
  (void)name;
  (void)type;
  (void)public_id;
  (void)system_id;
  (void)content;
  on_doctype(ctx, NULL, NULL, NULL);
}

static int encoding_error(const parse_state *st) {
  return st->code == XML_ERR_INVALID_CHAR || st->code == XML_ERR_INVALID_ENCODING ||
         st->code == XML_ERR_UNSUPPORTED_ENCODING;
}

static const char *rule_for(const parse_state *st) {
  if (st->code == -1) return "xml.doctype";
  if (st->code == -2) return "xml.too-deep";
  return encoding_error(st) ? "xml.encoding" : "xml.syntax";
}

static const char *hint_for(const parse_state *st) {
  if (st->code == -1)
    return "các phần OOXML và ODF không bao giờ có DOCTYPE: đừng dùng tệp này, hoặc lưu lại "
           "bằng Word hay LibreOffice";
  if (st->code == -2)
    return "không chương trình văn phòng nào lồng phần tử sâu như vậy: phần này được làm ra để "
           "tấn công bộ đọc XML hoặc đã hỏng; đừng dùng tệp này";
  if (encoding_error(st))
    return "phần này phải là UTF-8: nếu đã sửa bằng tay, hãy lưu nó dạng UTF-8";
  return "phần này không phải XML đúng dạng: nếu đã sửa bằng tay, sửa ở vị trí này; nếu không, "
         "mở tệp bằng Word hay LibreOffice rồi lưu lại";
}

/* --- where each element is in the bytes (vb_xml_parse_spans) ------------- */

struct vb_xml_spans {
  const char *data;
  size_t len;
  xmlDocPtr doc;
  vb_xml_span *items;
  size_t n, cap;
  int bad; /* a position did not check out (an encoding other than UTF-8) */
};

static _Thread_local vb_xml_spans *cur_spans;

/* The '<' that starts the tag ending at `at`: tags hold no raw '<' (not even
 * in attribute values), so it is the last one before `at`. */
static size_t tag_start(const vb_xml_spans *sp, size_t at) {
  while (at > 0 && sp->data[at] != '<')
    at--;
  return at;
}

/* libxml2 calls this when a start tag has been read up to its '>' or "/>":
 * the parser's position is that character. The node is ctxt->node once the
 * tree builder has made it. */
static void on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                             const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                             int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
  xmlParserCtxtPtr ctxt = ctx;
  xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                        nb_defaulted, attributes);
  vb_xml_spans *sp = cur_spans;
  long at = xmlByteConsumed(ctxt);
  if (!ctxt->node || at < 0 || (size_t)at >= sp->len ||
      (sp->data[at] != '>' && sp->data[at] != '/')) {
    sp->bad = 1;
    return;
  }
  if (sp->n == sp->cap) {
    sp->cap = sp->cap ? sp->cap * 2 : 64;
    sp->items = vb_xrealloc(sp->items, sp->cap * sizeof(vb_xml_span));
  }
  vb_xml_span *s = &sp->items[sp->n++];
  memset(s, 0, sizeof *s);
  s->open_end = (size_t)at;
  s->open = tag_start(sp, (size_t)at);
  s->empty_tag = sp->data[at] == '/';
  ctxt->node->_private = (void *)(uintptr_t)sp->n; /* index + 1 */
}

/* Called when the end tag has been read (the position is after its '>'), or
 * right after the "/>" of an empty element. */
static void on_end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                           const xmlChar *uri) {
  xmlParserCtxtPtr ctxt = ctx;
  vb_xml_spans *sp = cur_spans;
  uintptr_t k = ctxt->node ? (uintptr_t)ctxt->node->_private : 0;
  long at = xmlByteConsumed(ctxt);
  if (k == 0 || k > sp->n || at <= 0 || (size_t)at > sp->len || sp->data[at - 1] != '>') {
    sp->bad = 1;
  } else {
    vb_xml_span *s = &sp->items[k - 1];
    s->close_end = (size_t)at;
    s->close = s->empty_tag ? s->open : tag_start(sp, (size_t)at - 1);
    if (!s->empty_tag && sp->data[s->close + 1] != '/') sp->bad = 1;
  }
  xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

const vb_xml_span *vb_xml_span_of(const vb_xml_spans *sp, const xmlNode *elem) {
  if (!sp || !elem || elem->type != XML_ELEMENT_NODE || elem->doc != sp->doc) return NULL;
  uintptr_t k = (uintptr_t)elem->_private;
  return k && k <= sp->n ? &sp->items[k - 1] : NULL;
}

vb_xml_span *vb_xml_span_edit(vb_xml_spans *sp, const xmlNode *elem) {
  return (vb_xml_span *)vb_xml_span_of(sp, elem);
}

void vb_xml_spans_free(vb_xml_spans *sp) {
  if (!sp) return;
  free(sp->items);
  free(sp);
}

/* --- parsing ---------------------------------------------------------------- */

/* Read data with ctxt under vanban's options and refusals (no DOCTYPE, no
 * entity declaration), libxml2's errors captured in *st (the first one)
 * instead of printed. Whatever SAX callbacks the caller set stay; tree: the
 * callbacks build a document, and no document is then an error. */
static xmlDocPtr read_captured(xmlParserCtxtPtr ctxt, const char *data, size_t len,
                               const char *part, int tree, parse_state *st) {
  ctxt->sax->serror = on_structured_error;
  ctxt->sax->internalSubset = on_doctype;
  ctxt->sax->entityDecl = on_entity_decl;
  parse_state *saved_cur = cur;
  cur = st;
  xmlGenericErrorFunc saved_fn = xmlGenericError;
  void *saved_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, on_generic_error);
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, part, NULL, VB_XML_OPTIONS);
  if (!((doc || !tree) && ctxt->wellFormed && ctxt->nsWellFormed) && !st->have)
    record(ctxt->input ? ctxt->input->line : 0, ctxt->input ? ctxt->input->col : 0, 0,
           "not well-formed XML");
  xmlSetGenericErrorFunc(saved_ctx, saved_fn);
  cur = saved_cur;
  return doc;
}

static xmlDocPtr parse(const char *data, size_t len, const char *pkg_name, const char *part_name,
                       vb_status code, vb_diags *d, vb_xml_spans *spans) {
  vb_xml_init();
  const char *part = part_name ? part_name : "(part)";
  if (len > INT_MAX) {
    vb_error_rule(d, code, "xml.too-large", pkg_name, NULL, "xem có đúng tệp không",
                  "phần %s quá lớn để đọc: %zu byte", part, len);
    return NULL;
  }
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    vb_error_rule(d, VB_EINTERNAL, "xml.memory", pkg_name, NULL, "giải phóng bộ nhớ rồi chạy lại",
                  "không tạo được bộ đọc XML (hết bộ nhớ)");
    return NULL;
  }
  vb_xml_spans *saved_spans = cur_spans;
  if (spans) {
    ctxt->sax->startElementNs = on_start_element;
    ctxt->sax->endElementNs = on_end_element;
    cur_spans = spans;
  }

  parse_state st = {0};
  xmlDocPtr doc = read_captured(ctxt, data, len, part, 1, &st);
  int ok = doc && ctxt->wellFormed && ctxt->nsWellFormed && !st.have;
  cur_spans = saved_spans;

  if (!ok) {
    vb_buf where = VB_BUF_INIT;
    vb_buf_printf(&where, "phần %s, dòng %d, cột %d", part, st.line, st.col);
    /* libxml2's own wording stays as it is, after ours. */
    if (st.code < 0)
      vb_error_rule(d, code, rule_for(&st), pkg_name, vb_buf_cstr(&where), hint_for(&st), "%s",
                    st.msg);
    else
      vb_error_rule(d, code, rule_for(&st), pkg_name, vb_buf_cstr(&where), hint_for(&st),
                    "XML không hợp lệ (libxml2: %s)", st.msg);
    vb_buf_free(&where);
    free(st.msg);
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return NULL;
  }
  free(st.msg);
  xmlFreeParserCtxt(ctxt);
  return doc;
}

xmlDocPtr vb_xml_parse(const char *data, size_t len, const char *pkg_name, const char *part_name,
                       vb_status code, vb_diags *d) {
  return parse(data, len, pkg_name, part_name, code, d, NULL);
}

xmlDocPtr vb_xml_parse_spans(const char *data, size_t len, const char *pkg_name,
                             const char *part_name, vb_status code, vb_diags *d,
                             vb_xml_spans **spans) {
  vb_xml_spans *sp = vb_xcalloc(1, sizeof *sp);
  sp->data = data;
  sp->len = len;
  xmlDocPtr doc = parse(data, len, pkg_name, part_name, code, d, sp);
  if (doc && sp->bad) {
    vb_error_rule(d, code, "xml.encoding", pkg_name, part_name,
                  "lưu văn bản dạng UTF-8 bằng Word hay LibreOffice rồi chạy lại",
                  "không xác định được vị trí từng phần tử của phần này trong các byte của nó");
    xmlFreeDoc(doc);
    doc = NULL;
  }
  if (!doc) {
    vb_xml_spans_free(sp);
    *spans = NULL;
    return NULL;
  }
  sp->doc = doc;
  *spans = sp;
  return doc;
}

/* --- scanning without a tree ------------------------------------------------ */

typedef struct scan_state {
  const vb_xml_scan_ops *ops;
  void *ud;
} scan_state;

static _Thread_local scan_state *cur_scan;

static void on_scan_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                          int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
  (void)ctx, (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
  scan_state *sc = cur_scan;
  if (sc->ops->start)
    sc->ops->start(sc->ud, (const char *)localname, (const char *)uri, nb_attributes,
                   (const char **)attributes);
}

static void on_scan_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                        const xmlChar *uri) {
  (void)ctx, (void)prefix;
  scan_state *sc = cur_scan;
  if (sc->ops->end) sc->ops->end(sc->ud, (const char *)localname, (const char *)uri);
}

int vb_xml_scan(const char *data, size_t len, const vb_xml_scan_ops *ops, void *ud) {
  vb_xml_init();
  if (len > INT_MAX) return -1;
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return -1;
  /* Only the element callbacks and the refusals: no tree is built. */
  xmlSAXHandler *sax = ctxt->sax;
  sax->startDocument = NULL;
  sax->endDocument = NULL;
  sax->characters = NULL;
  sax->ignorableWhitespace = NULL;
  sax->cdataBlock = NULL;
  sax->comment = NULL;
  sax->processingInstruction = NULL;
  sax->reference = NULL;
  sax->startElementNs = on_scan_start;
  sax->endElementNs = on_scan_end;
  sax->startElement = NULL;
  sax->endElement = NULL;
  scan_state sc = {ops, ud}, *saved_scan = cur_scan;
  cur_scan = &sc;
  parse_state st = {0};
  xmlDocPtr doc = read_captured(ctxt, data, len, NULL, 0, &st);
  int ok = ctxt->wellFormed && ctxt->nsWellFormed && !st.have;
  cur_scan = saved_scan;
  free(st.msg);
  xmlFreeDoc(doc); /* none is built; in case */
  xmlFreeParserCtxt(ctxt);
  return ok ? 0 : -1;
}
