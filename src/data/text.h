/* Text hygiene applied to every string that enters the data tree. */
#ifndef VB_DATA_TEXT_H
#define VB_DATA_TEXT_H
#include <stddef.h>

#include "util/buf.h"

/* 1 if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates); else 0
 * and *bad_offset is the offset of the first offending byte. */
int vb_utf8_valid(const char *s, size_t n, size_t *bad_offset);

/* Append s (valid UTF-8) to out, NFC-normalized, without the characters that
 * XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF).
 * CR LF and lone CR become LF. Returns how many characters were removed. */
int vb_text_clean(const char *s, size_t n, vb_buf *out);

#endif
