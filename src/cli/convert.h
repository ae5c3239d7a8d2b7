/* One template, both formats: a DOCX template rendered to an .odt output
 * (or an ODT template to .docx) is first converted to the output's format
 * by LibreOffice headless, once: the converted package is kept in a cache
 * under the SHA-256 of the template's bytes, so the next render with the
 * same template finds it without LibreOffice.
 *
 * The cache is $XDG_CACHE_HOME/vanban/templates (when XDG_CACHE_HOME is an
 * absolute path), else $HOME/.cache/vanban/templates; its files are named
 * <sha256 of the template>.<docx|odt>. Deleting the directory is always
 * safe (after upgrading LibreOffice, it makes the conversions again). */
#ifndef VB_CLI_CONVERT_H
#define VB_CLI_CONVERT_H
#include <stddef.h>

/* The cache directory (see above) into out; -1 when neither variable says
 * where it is. */
int cli_cache_dir(char *out, size_t outlen);

/* tpl_path as a template of format ext ("docx" or "odt"): the path of the
 * cached conversion into out (converting it first when it is not cached).
 * 0, or VB_EIO with the reason printed on stderr (the template cannot be
 * read, LibreOffice is missing or could not convert it, the cache cannot
 * be written). `quiet`: do not say that a conversion was made. */
int cli_template_in_format(const char *tpl_path, const char *ext, int quiet, char *out,
                           size_t outlen);

#endif
