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

/* Initialise libxml2 once (thread-safe); calling it again does nothing.
 * vb_xml_parse calls it too. */
void vb_xml_init(void);

/* Parse one part (data need not be NUL-terminated). Returns the document, or
 * NULL with an error of the given code in d: file = pkg_name, where = "part
 * PART, line L column C", the message is libxml2's. Nothing is printed. Each
 * call has its own parser context, so threads may parse at the same time. */
xmlDocPtr vb_xml_parse(const char *data, size_t len, const char *pkg_name, const char *part_name,
                       vb_status code, vb_diags *d);

/* 1 when elem is an element named `local` in namespace `ns`. */
int vb_xml_is(const xmlNode *elem, const char *ns, const char *local);

/* Parse the XML in xml, apply fix to its root element and write the tree
 * back into xml (libxml2's serialisation, UTF-8). 0, or -1 when it does not
 * parse (xml is then left as it was). */
int vb_xml_reserialize(vb_buf *xml, void (*fix)(xmlNode *root));

#endif
