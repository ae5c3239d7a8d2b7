/* The data tree's building blocks: arena allocations that are not
 * padded or cleared, 40-byte nodes, growing arrays and objects, and the fast
 * "already clean" test for strings, which must never say yes where
 * vb_text_clean would change or report anything. */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/text.h"
#include "data/value.h"
#include "test.h"
#include "util/arena.h"
#include "util/buf.h"

static void test_arena(void) {
  vb_arena *a = vb_arena_new();
  /* Strings are packed byte after byte; what follows is aligned again. */
  char *s1 = vb_arena_strndup(a, "abc", 3), *s2 = vb_arena_strndup(a, "de", 2);
  CHECK(s2 == s1 + 4);
  CHECK_STR(s1, "abc");
  CHECK_STR(s2, "de");
  size_t used = vb_arena_used(a);
  CHECK(used == 7);
  void *p = vb_arena_alloc(a, 24);
  CHECK((uintptr_t)p % alignof(max_align_t) == 0);
  CHECK(((unsigned char *)p)[0] == 0 && ((unsigned char *)p)[23] == 0);
  vb_value *v = vb_arena_alloc_raw(a, sizeof(vb_value), alignof(vb_value));
  CHECK((uintptr_t)v % alignof(vb_value) == 0);
  CHECK((char *)v == (char *)p + 24); /* 8-aligned, not padded to 16 */
  char *s3 = vb_arena_strndup(a, "x", 1);
  vb_value *w = vb_arena_alloc_raw(a, sizeof(vb_value), alignof(vb_value));
  CHECK((uintptr_t)w % alignof(vb_value) == 0 && (char *)w >= s3 + 2);
  /* Marks and rewinds see the same bytes. */
  vb_arena_mark m = vb_arena_save(a);
  size_t before = vb_arena_used(a);
  for (int i = 0; i < 1000; i++)
    vb_arena_strndup(a, "0123456789", 10 + (size_t)(i % 7 == 0));
  vb_arena_alloc(a, 200000); /* a block of its own */
  vb_arena_rewind(a, m);
  CHECK(vb_arena_used(a) == before);
  char *s4 = vb_arena_strndup(a, "y", 1);
  CHECK(s4 == (char *)(w + 1));
  /* Many small allocations in few blocks, all usable. */
  char *last = NULL;
  for (int i = 0; i < 300000; i++) {
    last = vb_arena_alloc_raw(a, 13, 1);
    memset(last, 'z', 13);
  }
  CHECK(last[12] == 'z' && *s1 == 'a');
  vb_arena_free(a);
}

static void test_node_size(void) {
  /* Half a million of these for a 100,000-row file. */
  if (sizeof(void *) == 8) CHECK(sizeof(vb_value) == 40);
  vb_arena *a = vb_arena_new();
  vb_value *v = vb_val_str(a, "Hà", 3);
  CHECK(v->kind == VB_STR && v->line == 0 && v->col == 0 && v->src == NULL);
  v->line = 4000000000u;
  v->col = VB_COL_MAX;
  CHECK(v->kind == VB_STR && v->line == 4000000000u && v->col == VB_COL_MAX);
  v->kind = VB_OBJ;
  CHECK(v->col == VB_COL_MAX && v->kind == VB_OBJ);
  vb_value *n = vb_val_num(a, -2.5);
  CHECK(n->kind == VB_NUM && n->u.num == -2.5 && n->line == 0);
  vb_arena_free(a);
}

static void test_grow(void) {
  vb_arena *a = vb_arena_new();
  vb_value *arr = vb_val_arr(a), *obj = vb_val_obj(a);
  for (int i = 0; i < 10000; i++) {
    vb_arr_push(a, arr, vb_val_num(a, i));
    char k[16];
    snprintf(k, sizeof k, "k%d", i);
    vb_obj_set(a, obj, k, vb_val_num(a, i));
  }
  CHECK(arr->u.arr.len == 10000 && obj->u.obj.len == 10000);
  int bad = 0;
  for (int i = 0; i < 10000; i++) {
    char k[16];
    snprintf(k, sizeof k, "k%d", i);
    const vb_value *m = vb_obj_get(obj, k);
    if (arr->u.arr.items[i]->u.num != i || !m || m->u.num != i) bad++;
  }
  CHECK(bad == 0);
  vb_obj_set(a, obj, "k5", vb_val_strz(a, "five"));
  CHECK(obj->u.obj.len == 10000 && strcmp(vb_obj_get(obj, "k5")->u.str.s, "five") == 0);
  CHECK(vb_obj_getn(obj, "k5x", 2) == vb_obj_get(obj, "k5"));
  CHECK(vb_obj_get(obj, "") == NULL && vb_obj_get(obj, "k") == NULL);
  vb_value *c = vb_val_clone(a, obj);
  CHECK(c->u.obj.len == 10000 && vb_obj_get(c, "k9999")->u.num == 9999);
  vb_arena_free(a);
}

static size_t put_utf8(char *out, uint32_t cp) {
  if (cp < 0x80) return out[0] = (char)cp, 1;
  if (cp < 0x800) return out[0] = (char)(0xC0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3F)), 2;
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | cp >> 12);
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | cp >> 18);
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* When the fast test says clean, vb_text_clean gives the text back as it is
 * and reports nothing. */
static int agrees(const char *s, size_t n) {
  if (!vb_text_is_clean(s, n)) return 1;
  vb_buf out = VB_BUF_INIT;
  int nfd = -1;
  int removed = vb_text_clean(s, n, &out, &nfd);
  int ok = removed == 0 && nfd == 0 && out.len == n && (n == 0 || memcmp(out.data, s, n) == 0);
  vb_buf_free(&out);
  return ok;
}

static void test_text_is_clean(void) {
  int disagree = 0, missed = 0;
  for (uint32_t cp = 0; cp < 0x30000; cp++) {
    if (cp >= 0xD800 && cp < 0xE000) continue;
    char s[64];
    size_t n = 0;
    s[n++] = 'a';
    n += put_utf8(s + n, cp);
    s[n++] = 'b';
    if (!agrees(s, n)) disagree++;
    /* Alone, after a long ASCII run, and before one (the word-at-a-time
     * paths). */
    size_t k = put_utf8(s, cp);
    if (!agrees(s, k)) disagree++;
    memcpy(s, "0123456789abcdefg", 17);
    k = 17 + put_utf8(s + 17, cp);
    memcpy(s + k, "ABCDEFGHIJK", 11);
    if (!agrees(s, k + 11)) disagree++;
    /* What must take the fast path: the text of nearly every data file. */
    int common = (cp >= 0x20 && cp < 0x7F) || (cp >= 0x7F && cp < 0x300) ||
                 (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2000 && cp <= 0x206F);
    if (common && !vb_text_is_clean(s, k + 11)) missed++;
  }
  CHECK(disagree == 0);
  CHECK(missed == 0);
  static const char vi[] = "Kết quả thực hiện chuyển đổi số “06 tháng” — Đạt";
  CHECK(vb_text_is_clean(vi, sizeof vi - 1));
  CHECK(vb_text_is_clean("", 0));
  /* A control character anywhere in runs of every length. */
  int found = 1;
  for (size_t len = 1; len < 40; len++)
    for (size_t at = 0; at < len; at++) {
      char s[40];
      memset(s, 'x', len);
      for (char c = 0; c < 0x20; c++) {
        s[at] = c;
        found &= !vb_text_is_clean(s, len);
      }
      s[at] = 'x';
    }
  CHECK(found);
  /* Ill-formed or cut UTF-8, and what vb_text_clean rewrites. */
  static const char *const no[] = {
      "\xC3",         "\xC3x",        "a\xC0\x80",    "\xE1\xBB",         "\xE1\xBBx",
      "\xE1\x80\x80", "\xE2\x82\xAC", "\xE2\x81\xB0", "\xEF\xBF\xBE",     "\xEF\xBB\xBF",
      "\x80",         "\xCC\x80",     "a\xCC\x81",    "\xF0\x9F\x98\x80", "x\ty",
      "x\ny",         "x\r\ny",       "\x7F\xFF"};
  int said_no = 1;
  for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
    said_no &= !vb_text_is_clean(no[i], strlen(no[i]));
  CHECK(said_no);
}

int main(void) {
  test_arena();
  test_node_size();
  test_grow();
  test_text_is_clean();
  TEST_MAIN_END();
}
