/* check --render: the text of a document's pages, from LibreOffice's PDF
 * of a private copy and pdftotext (pages separated by form feeds). */
#ifndef VB_CLI_CHECK_RENDER_H
#define VB_CLI_CHECK_RENDER_H
#include <stddef.h>

/* 0 with *text (malloc'd) and *len; otherwise an error is printed on
 * stderr and -1 returned. Nothing is written next to the document. */
int cli_render_pages(const char *doc, char **text, size_t *len);

#endif
