/* Parsing package parts with libxml2. The only place in vanban that chooses
 * libxml2 parser options: no network, no entity substitution, no DTD loading,
 * no XInclude, libxml2's default size and depth limits, and any DOCTYPE
 * refused outright (OOXML and ODF parts never have one). See docs/packages.md. */
#ifndef VB_XML_XML_H
#define VB_XML_XML_H
#include <stddef.h>

#include <libxml/tree.h>

#include "util/buf.h"
#include "vanban.h"

/* The longest run of character data between two tags vanban writes. libxml2
 * (and so vanban's own update, xmllint and the validators built on it)
 * refuses a text node over 10,000,000 bytes, and LibreOffice lays a long
 * paragraph out in a time that grows faster than its length (measured with
 * the shipped BÁO CÁO: 300 KB of text in one paragraph converts to PDF in
 * about 20 s, 600 KB in 100 s, 1 MB in nine minutes): a document is
 * kept well below both. No administrative text has 100 KB without a line
 * break; a value that long is a pasting mistake. */
#define VB_XML_TEXT_MAX 100000u

/* Initialise libxml2 once (thread-safe); calling it again does nothing.
 * vb_xml_parse calls it too. */
void vb_xml_init(void);

/* Parse one part (data need not be NUL-terminated). Returns the document, or
 * NULL with an error of the given code in d: file = pkg_name, where = "part
 * PART, line L column C", the message is libxml2's. Nothing is printed. Each
 * call has its own parser context, so threads may parse at the same time. */
xmlDocPtr vb_xml_parse(const char *data, size_t len, const char *pkg_name, const char *part_name,
                       vb_status code, vb_diags *d);

/* Where an element is in the bytes it was parsed from: its start tag runs
 * from `open` (its '<') to `open_end` (the '>', or the '/' of "/>"), its end
 * tag from `close` to `close_end` (just past its '>'). For an element
 * written <x/>, empty_tag is set and close is open. `expanded` is for
 * editors (xml/edit.c): children were added to an empty tag. */
typedef struct vb_xml_span {
  size_t open, open_end, close, close_end;
  unsigned empty_tag : 1, expanded : 1;
} vb_xml_span;
typedef struct vb_xml_spans vb_xml_spans;

/* vb_xml_parse that also notes every element's span. The data must stay
 * unchanged while the spans are used. Refused (NULL, an error in d) when
 * the positions do not check out, as for a part that is not UTF-8. */
xmlDocPtr vb_xml_parse_spans(const char *data, size_t len, const char *pkg_name,
                             const char *part_name, vb_status code, vb_diags *d,
                             vb_xml_spans **spans);
/* The span of an element of the parsed document, or NULL (a node added
 * since, or another document's). */
const vb_xml_span *vb_xml_span_of(const vb_xml_spans *sp, const xmlNode *elem);
vb_xml_span *vb_xml_span_edit(vb_xml_spans *sp, const xmlNode *elem);
void vb_xml_spans_free(vb_xml_spans *sp);

/* Reading a part's elements in order without building a tree, for a pass
 * that wants to know whether the tree is worth building. attrs holds
 * nattrs groups of five: local name, prefix, namespace URI, value start,
 * value end (libxml2's SAX2 layout: the value is not NUL-terminated). */
typedef struct vb_xml_scan_ops {
  void (*start)(void *ud, const char *local, const char *ns, int nattrs, const char **attrs);
  void (*end)(void *ud, const char *local, const char *ns);
} vb_xml_scan_ops;
/* Scan data with the parser options of vb_xml_parse. 0 when it is
 * well-formed, -1 when not (nothing is reported: the caller parses it
 * again where an error has a place to go). */
int vb_xml_scan(const char *data, size_t len, const vb_xml_scan_ops *ops, void *ud);

/* 1 when elem is an element named `local` in namespace `ns`. */
int vb_xml_is(const xmlNode *elem, const char *ns, const char *local);

/* Parse the XML in xml, apply fix to its root element (which returns how
 * many things it changed) and write the tree back into xml (libxml2's
 * serialisation, UTF-8) — unless fix changed nothing and keep_unchanged is
 * set: then xml keeps its bytes. 1 when fix changed something, 0 when not,
 * -1 when xml does not parse (xml is then left as it was). */
int vb_xml_reserialize(vb_buf *xml, int (*fix)(xmlNode *root), int keep_unchanged);
/* The same with ud handed to fix. */
int vb_xml_reserialize_with(vb_buf *xml, int (*fix)(xmlNode *root, void *ud), void *ud,
                            int keep_unchanged);

#endif
