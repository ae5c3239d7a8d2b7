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

#endif
