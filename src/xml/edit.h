/* Editing a part while keeping its bytes. The part is parsed into a tree
 * with the place of every element in the bytes (vb_xml_parse_spans); the
 * caller reads the tree and adds elements made with libxml2 through the calls
 * below; vb_xml_edit_finish writes the original bytes with each added element
 * serialised by libxml2 at its place. Nothing else changes.
 *
 * Why not let libxml2 write the whole tree: its serialiser writes back what
 * its parser normalised. The predefined entities are substituted in
 * attribute values (LibreOffice's svg:font-family="&apos;Times New
 * Roman&apos;" comes back as "'Times New Roman'"), the XML declaration is
 * rewritten (Word's CR LF after it becomes LF, and a newline is added after
 * the root element), and quoting, white space inside tags, empty elements
 * (<a></a> becomes <a/>) and character references are spelled its own way.
 * Parts an office program wrote would change in every such place, though
 * only a few elements were added. */
#ifndef VB_XML_EDIT_H
#define VB_XML_EDIT_H
#include <stddef.h>

#include <libxml/tree.h>

#include "vanban.h"

typedef struct vb_xml_edit vb_xml_edit;

/* Parse bytes (copied) for editing; NULL with an error of the given code in
 * d when they do not parse. */
vb_xml_edit *vb_xml_edit_open(const char *bytes, size_t len, const char *pkg_name,
                              const char *part_name, vb_status code, vb_diags *d);
void vb_xml_edit_free(vb_xml_edit *e);

/* The tree: read it freely; make new nodes in this document (xmlNewDocNode)
 * and add them only with the calls below. Nodes added this way may then get
 * children of their own with plain libxml2 calls. */
xmlDoc *vb_xml_edit_doc(vb_xml_edit *e);

/* Add node as the last child of parent. */
void vb_xml_edit_append(vb_xml_edit *e, xmlNode *parent, xmlNode *node);
/* Add node as the first child of parent. */
void vb_xml_edit_prepend(vb_xml_edit *e, xmlNode *parent, xmlNode *node);
/* Add node right after `sibling`, an element of the part as parsed. 0, or -1
 * (nothing done) when sibling was added by an edit. */
int vb_xml_edit_insert_after(vb_xml_edit *e, xmlNode *sibling, xmlNode *node);

/* 1 when elem was written as an empty tag (<x/>) and nothing was added to it
 * yet. Adding children to such an element writes it as
 * "<x … >children</x>": the "/" of "/>" becomes a space, so that the
 * attributes keep their bytes. */
int vb_xml_edit_is_empty_tag(const vb_xml_edit *e, const xmlNode *elem);

/* The edited bytes (malloc'd, NUL-terminated; *len without the NUL). */
char *vb_xml_edit_finish(vb_xml_edit *e, size_t *len);

/* Set attribute ns:name of elem to value, written with every apostrophe as
 * the reference &apos; (as LibreOffice writes attribute values) and the rest
 * escaped by libxml2. */
void vb_xml_set_prop_apos(xmlNode *elem, xmlNs *ns, const char *name, const char *value);

#endif
