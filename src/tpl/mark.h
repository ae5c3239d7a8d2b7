/* Marks around generated values, so that `vanban update` can find every
 * value in a document a person has since edited.
 *
 * A mark is a bookmark (DOCX w:bookmarkStart/End, ODT text:bookmark-start/
 * end). Bookmarks are what both Word and LibreOffice keep through a round
 * trip in either format — including hidden names starting with "_" and empty
 * ranges — whereas custom parts and custom XML are dropped by LibreOffice
 * and content controls are not kept by LibreOffice 7.4's ODT export.
 *
 * Name: "_vb" TAG "_" ITEM "_" VALUE, each base 36:
 *   TAG    the tag's number in the template (document order);
 *   ITEM   a hash of the loop items the value belongs to, by identity
 *          (the item's "id", else its "ma", else its position), so that an
 *          item added to a list does not rename the values of the others;
 *   VALUE  a hash of the text written, to tell a value a person overwrote
 *          from one vanban wrote.
 * At most 3 + 7 + 1 + 6 + 1 + 6 = 24 characters: Word allows 40. */
#ifndef VB_TPL_MARK_H
#define VB_TPL_MARK_H
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Every mark name starts with this. */
#define VB_MARK_PREFIX "_vb"

uint32_t vb_mark_hash(const char *s, size_t n);

/* Where text whose hash is `hash` lies inside s with other text around it
 * (at most `around` bytes on either side, some on one side at least): a
 * value Word or a person left inside a wider mark. 1 with [*from, *to) at
 * UTF-8 character boundaries, the shortest margin before first; 0 when it
 * is not there. */
int vb_mark_find(const char *s, size_t len, uint32_t hash, size_t around, size_t *from, size_t *to);

/* Room for a mark name and its NUL. A tag number is an unsigned int (at
 * most 7 base-36 digits); hashes have 31 bits (at most 6). */
enum { VB_MARK_NAME_SIZE = 3 + 7 + 1 + 6 + 1 + 6 + 1 };

/* Write x in base 36 (lowercase, no leading zeros) at dst, without a NUL;
 * returns the number of digits (at most 7). Rendering builds names from
 * these pieces: "_vbTAG_" once per template node, ITEM once per loop item,
 * so that only VALUE is computed for every value. */
size_t vb_mark_put36(char *dst, uint32_t x);

/* Append the mark name for tag `tag_id`, items key `item_key`, value text. */
void vb_mark_name(vb_buf *out, unsigned tag_id, const char *item_key, size_t item_len,
                  const char *value, size_t value_len);

/* Append "_VALUE" (the last part of a mark name) for this text. */
void vb_mark_value_suffix(vb_buf *out, const char *value, size_t value_len);

/* Split a mark name; returns 0 when name is a vanban mark. *prefix_len is
 * the length of "_vbTAG_ITEM" (the part that identifies the value). */
int vb_mark_parse(const char *name, unsigned *tag_id, size_t *prefix_len, uint32_t *value_hash);

#endif
