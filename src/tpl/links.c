/* Web addresses in narrative text, and the `lien_ket` filter that makes them
 * links. An officer writes "tại địa chỉ https://dichvucong.gov.vn/." or
 * "(http://hatan.hatrung.thanhhoa.gov.vn.)": the address ends where the
 * sentence's punctuation begins, which is what is linked; the text itself
 * is printed as written. */
#include <string.h>

#include "tpl/filters.h"
#include "tpl/rich.h"
#include "util/buf.h"

static int lower_eq(const char *s, size_t n, const char *word) {
  size_t k = strlen(word);
  if (n < k) return 0;
  for (size_t i = 0; i < k; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != word[i]) return 0;
  }
  return 1;
}

static int is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Characters an address is made of here: printable ASCII but spaces and the
 * characters RFC 3986 excludes and text uses around addresses. A letter
 * with a diacritic ends it (text glued to an address). */
static int url_char(unsigned char c) { return c > 0x20 && c < 0x7f && !strchr("<>\"{}|\\^`", c); }

/* Length of the scheme or "www." an address starts with at s, or 0. */
static size_t start_of(const char *s, size_t n) {
  if (lower_eq(s, n, "https://")) return 8;
  if (lower_eq(s, n, "http://")) return 7;
  if (lower_eq(s, n, "www.")) return 4;
  return 0;
}

size_t vb_find_links(vb_arena *a, const char *s, size_t n, vb_inline_link **links) {
  size_t count = 0, cap = 0;
  vb_inline_link *out = NULL;
  for (size_t i = 0; i < n; i++) {
    /* An address starts a word: not inside another word or address. */
    if (i > 0 && (is_alnum((unsigned char)s[i - 1]) || strchr("/@.:-_", s[i - 1]))) continue;
    size_t head = start_of(s + i, n - i);
    if (!head) continue;
    size_t end = i + head;
    while (end < n && url_char((unsigned char)s[end]))
      end++;
    /* Punctuation that closes the sentence or the brackets around it is not
     * part of the address; a bracket opened inside it is. */
    for (;;) {
      if (end <= i + head) break;
      char c = s[end - 1];
      if (strchr(".,;:!?'*", c)) {
        end--;
        continue;
      }
      if (c == ')' || c == ']') {
        char open = c == ')' ? '(' : '[';
        int depth = 0;
        for (size_t k = i; k < end; k++)
          depth += s[k] == open ? 1 : s[k] == c ? -1 : 0;
        if (depth < 0) {
          end--;
          continue;
        }
      }
      break;
    }
    /* Something must follow the scheme, with a dot in it: "http://" alone
     * or "www.x" are not addresses. */
    const char *host = s + i + head;
    size_t hl = end - (i + head);
    if (hl == 0 || !memchr(host, '.', hl) || host[0] == '.' || (head == 4 && hl < 3)) {
      i = end > i ? end - 1 : i;
      continue;
    }
    if (count == cap) {
      cap = cap ? cap * 2 : 4;
      vb_inline_link *grown = vb_arena_alloc(a, cap * sizeof *grown);
      if (count) memcpy(grown, out, count * sizeof *grown);
      out = grown;
    }
    vb_inline_link *l = &out[count++];
    memset(l, 0, sizeof *l);
    l->off = i;
    l->len = end - i;
    vb_buf u = VB_BUF_INIT;
    if (head == 4) vb_buf_puts(&u, "http://");
    vb_buf_put(&u, s + i, end - i);
    l->url = vb_arena_strndup(a, u.data, u.len);
    vb_buf_free(&u);
    i = end - 1;
  }
  *links = out;
  return count;
}

/* lien_ket: text whose web addresses become links; text without any stays
 * text, and so does anything that is not text. */
int vb_filter_links(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  (void)args;
  (void)n;
  *out = in;
  if (!in || in->kind != VB_STR) return 0;
  vb_inline_link *links;
  size_t k = vb_find_links(ev->a, in->u.str.s, in->u.str.len, &links);
  if (!k) return 0;
  vb_rich_links *r = vb_arena_alloc(ev->a, sizeof *r);
  r->text.s = in->u.str.s;
  r->text.len = in->u.str.len;
  r->links = links;
  r->nlinks = k;
  *out = vb_val_ext(ev->a, VB_RICH_LINKS, &r->text);
  return 0;
}
