/* --pdf: convert rendered documents to PDF with LibreOffice, headless.
 *
 * One soffice process converts a whole chunk of documents (all of a batch that
 * share a directory and an extension, up to $VANBAN_PDF_CHUNK, at most and by
 * default 200: LibreOffice drops arguments past about 256),
 * rather than one process per document; with several workers, one soffice
 * per worker at a time. Each run gets a private profile
 * directory (mkdtemp under $TMPDIR), so parallel runs do not collide, and
 * converts into a private staging directory next to the documents; each PDF
 * is then renamed into place (a.docx → a.pdf), so a failed conversion never
 * leaves a stale or half-written PDF under the expected name. */
#ifndef VB_CLI_PDF_H
#define VB_CLI_PDF_H
#include <stddef.h>

typedef struct cli_pdf_hooks {
  void (*say)(void *ud, const char *line); /* an error line; NULL: stderr */
  void (*done)(void *ud, size_t done);     /* PDFs finished so far (for progress) */
  /* Non-zero to stop: the running LibreOffice is killed, no chunk is
   * started after it, and the documents left are not converted (NULL:
   * never). Asked about ten times a second. */
  int (*cancelled)(void *ud);
  void *ud;
} cli_pdf_hooks;

/* Remove the PDF staging directories a run killed during conversion left in
 * the folders of files[0..n) (their lock free, not made in the last two
 * minutes); another run's, still in use, stay. Returns how many were
 * removed. cli_pdf_convert does this for the folders it converts in. */
size_t cli_pdf_sweep(const char *const *files, size_t n);

/* Where soffice is: $VANBAN_SOFFICE, else soffice or libreoffice on $PATH.
 * 0 found (path in out), -1 not. */
int cli_pdf_find_soffice(char *out, size_t outlen);
/* The message for a missing LibreOffice, and the hint how to install it. */
const char *cli_pdf_missing_message(void);
const char *cli_pdf_missing_hint(void);
/* doc's PDF path: the same name with .pdf instead of its extension. */
void cli_pdf_path(const char *doc, char *out, size_t outlen);
/* Convert files[0..n); ok[i] is set to 1 for each PDF produced. Returns 0 when
 * all were converted, VB_EIO otherwise (every failure is reported through
 * hooks->say, naming the document). */
int cli_pdf_convert(const char *const *files, size_t n, int *ok, const cli_pdf_hooks *hooks);
/* The same on `jobs` workers at once, each running its own LibreOffice with
 * its own profile over chunks of the documents (at most 200, and no more
 * than n/jobs, so that every worker gets some). A LibreOffice that exits
 * without converting some documents, crashes, makes no PDF for
 * $VANBAN_PDF_STALL seconds (default 300: hung) or passes its time limit is
 * killed, and the documents it left are converted once more by a new
 * LibreOffice with a new profile; only then are they reported as failed. */
int cli_pdf_convert_jobs(const char *const *files, size_t n, int *ok, size_t jobs,
                         const cli_pdf_hooks *hooks);

/* Where pdftoppm is ($VANBAN_PDFTOPPM, else on $PATH): 0 found, -1 not. */
int cli_pdf_find_pdftoppm(char *out, size_t outlen);
/* Page images of a PDF for a preview: pages 1..max_pages as PNG at dpi,
 * written as PREFIX-N.png (N zero-padded to the page count's width) by
 * poppler's pdftoppm ($VANBAN_PDFTOPPM, else on $PATH), killed after a
 * minute. 0 done; -1 pdftoppm is not installed (poppler-utils); -2 it
 * failed. */
int cli_pdf_page_images(const char *pdf, const char *prefix, int dpi, int max_pages);

#endif
