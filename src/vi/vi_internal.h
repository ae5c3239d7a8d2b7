/* Private helpers shared by the src/vi/ files: UTF-8 <-> UTF-16 conversion for the
 * ICU calls and the per-file cache release hooks that vi_cleanup() calls. */
#ifndef VB_VI_INTERNAL_H
#define VB_VI_INTERNAL_H
#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "util/buf.h"

/* Convert n bytes of UTF-8 (n == (size_t)-1: NUL-terminated) to a freshly allocated,
 * NUL-terminated UTF-16 string; ill-formed sequences become U+FFFD. *len gets the
 * length in code units. The caller frees the result. */
UChar *vi_u16_from_utf8(const char *s, size_t n, int32_t *len);

/* Append n UTF-16 code units as UTF-8 (unpaired surrogates become U+FFFD). */
void vi_put_u16(vb_buf *out, const UChar *s, int32_t n);

/* Normalise n UTF-16 code units to NFD (nfd != 0) or NFC into a new buffer that the
 * caller frees; *out_len gets its length. */
UChar *vi_u16_normalize(int nfd, const UChar *src, int32_t n, int32_t *out_len);

/* An ICU call failed where failure means broken ICU data or no memory: report and
 * abort, the same policy as vb_xmalloc. */
_Noreturn void vi_icu_fail(const char *what, UErrorCode status);

/* Append n with Vietnamese grouping, exactly (no detour through double). */
void vi_format_integer(vb_buf *out, long long n);

/* Release each file's cached ICU objects (called by vi_cleanup). */
void vi_number_cleanup(void);
void vi_words_cleanup(void);
void vi_collate_cleanup(void);

#endif
