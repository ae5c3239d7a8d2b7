/* Text hygiene applied to every string that enters the data tree. */
#ifndef VB_DATA_TEXT_H
#define VB_DATA_TEXT_H
#include <stddef.h>

#include "util/buf.h"

/* Append s (valid UTF-8) to out, NFC-normalized, without the characters that
 * XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF).
 * CR LF and lone CR become LF. Returns how many characters were removed;
 * *was_nfd (may be NULL) is set when the text was not in NFC. */
int vb_text_clean(const char *s, size_t n, vb_buf *out, int *was_nfd);

/* 1 when vb_text_clean would give s back unchanged and report nothing: valid
 * UTF-8 with no character it removes or rewrites, and obviously NFC (ASCII,
 * Latin below U+0300, precomposed Vietnamese U+1E00-U+1EFF, general
 * punctuation). 0 means "ask vb_text_clean", not that s needs cleaning. One
 * pass, no copy: nearly every string of a data file takes this path. */
int vb_text_is_clean(const char *s, size_t n);

#endif
