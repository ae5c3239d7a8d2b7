/* Eight bytes at a time: the scans every byte of a data file goes through
 * (UTF-8 check, string cleaning, line:column counting) spend most of their
 * time in runs of plain ASCII, which a 64-bit word tests at once. */
#ifndef VB_UTIL_WORD_H
#define VB_UTIL_WORD_H
#include <stdint.h>
#include <string.h>

#define VB_ONES ((uint64_t)0x0101010101010101u)
#define VB_HIGHS ((uint64_t)0x8080808080808080u)

static inline uint64_t vb_load64(const void *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  return w;
}

/* High bit set in each byte of w that is below n (n <= 128). Exact for the
 * first such byte in memory order on a little-endian machine; further bytes
 * may be marked falsely (a borrow), which callers ignore. */
static inline uint64_t vb_bytes_below(uint64_t w, unsigned n) {
  return (w - VB_ONES * n) & ~w & VB_HIGHS;
}

/* How many bytes at the start of the word (in memory order) to skip before
 * the first one marked in mask (only high bits set, mask != 0). 0 where that
 * is not known to be exact: the caller then goes byte by byte. */
static inline unsigned vb_bytes_before_mark(uint64_t mask) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  return (unsigned)__builtin_ctzll(mask) / 8;
#else
  (void)mask;
  return 0;
#endif
}

/* Bytes of w that start a UTF-8 character (are not 10xxxxxx). */
static inline unsigned vb_char_starts(uint64_t w) {
  uint64_t cont = w & ~(w << 1) & VB_HIGHS;
  return 8 - (unsigned)(((cont >> 7) * VB_ONES) >> 56);
}

#endif
