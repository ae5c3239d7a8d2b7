#include "data/json_syntax.h"

#include <string.h>

/* The byte at absolute offset off, or 0 outside the window. */
static unsigned char at(const vb_json_error_ctx *c, size_t off) {
  if (off < c->base || off >= c->len) return 0;
  return (unsigned char)c->text[off - c->base];
}

static int blank(unsigned char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; }

static size_t skip_blanks(const vb_json_error_ctx *c, size_t off) {
  while (off < c->len && blank(at(c, off)))
    off++;
  return off;
}

/* The first byte after off that is neither blank nor a separator. */
static size_t skip_separators(const vb_json_error_ctx *c, size_t off) {
  while (off < c->len && (blank(at(c, off)) || at(c, off) == ',' || at(c, off) == ':'))
    off++;
  return off;
}

static int word_char(unsigned char ch) {
  return ch == '_' || ch == '-' || ch == '.' || ch >= 0x80 || (ch >= '0' && ch <= '9') ||
         (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* The token starting at off as it is written (a word, a quoted string or one
 * character), at most about 24 bytes, for quoting in a message. */
static void token_text(const vb_json_error_ctx *c, size_t off, vb_buf *out) {
  unsigned char ch = at(c, off);
  size_t end = off + 1;
  if (ch == '"') {
    while (end < c->len && at(c, end) != '"' && at(c, end) != '\n' && end - off < 24)
      end++;
    if (at(c, end) == '"') end++;
  } else if (word_char(ch)) {
    while (end < c->len && word_char(at(c, end)) && end - off < 24)
      end++;
  }
  /* do not cut a UTF-8 character */
  while (end < c->len && (at(c, end) & 0xC0) == 0x80)
    end++;
  for (size_t i = off; i < end && i < c->len; i++)
    vb_buf_putc(out, (char)at(c, i));
}

static void place(const vb_json_error_ctx *c, size_t off, vb_buf *out) {
  unsigned line = 0, col = 0;
  c->locate(c->ud, off, &line, &col);
  vb_buf_printf(out, "dòng %u, cột %u", line, col);
}

static char closer(char open) { return open == '{' ? '}' : ']'; }

static const char *container_name(char open) { return open == '{' ? "đối tượng" : "danh sách"; }

static void set(const vb_json_error_ctx *c, vb_json_diagnosis *d, const char *rule, size_t off) {
  d->rule = rule;
  d->off = off;
  c->locate(c->ud, off, &d->line, &d->col);
}

/* The input ended inside a string, a container, or before anything. */
static void ended_early(const vb_json_error_ctx *c, vb_json_diagnosis *d) {
  size_t t = skip_separators(c, c->prev_end);
  if (t < c->len && at(c, t) == '"') {
    set(c, d, "json.unclosed-string", t);
    vb_buf_puts(&d->message, "chuỗi mở bằng dấu \" ở đây không được đóng đến hết tệp");
    vb_buf_puts(&d->hint, "thêm dấu \" ở cuối chuỗi");
    return;
  }
  if (c->open_kind) {
    size_t end = c->len;
    while (end > c->prev_end && blank(at(c, end - 1)))
      end--;
    set(c, d, "json.unclosed-bracket", end);
    vb_buf_printf(&d->message,
                  "tệp kết thúc khi %s mở bằng `%c` ở dòng %u, cột %u chưa được đóng: thiếu `%c`",
                  container_name(c->open_kind), c->open_kind, c->open_line, c->open_col,
                  closer(c->open_kind));
    if (c->open_depth > 1)
      vb_buf_printf(&d->message, " (và %d dấu ngoặc mở trước nó cũng chưa đóng)",
                    c->open_depth - 1);
    vb_buf_printf(&d->hint, "thêm `%c` vào cuối %s (mỗi `%c` cần một `%c`)", closer(c->open_kind),
                  container_name(c->open_kind), c->open_kind, closer(c->open_kind));
    return;
  }
  set(c, d, "json.empty", c->len);
  vb_buf_puts(&d->message, "tệp không có dữ liệu JSON");
  vb_buf_puts(&d->hint, "viết một đối tượng JSON { … } (xem samples/ và docs/data-model.md)");
}

/* An error inside the string starting at quote. */
static int in_string(const vb_json_error_ctx *c, size_t quote, vb_json_diagnosis *d) {
  if (at(c, quote) != '"') return 0;
  for (size_t i = quote + 1; i < c->len; i++) {
    unsigned char ch = at(c, i);
    if (ch == '\\') {
      unsigned char e = at(c, i + 1);
      if (e && !strchr("\"\\/bfnrtu", e)) {
        set(c, d, "json.bad-escape", i);
        vb_buf_printf(&d->message,
                      "dấu `\\` trong chuỗi phải đi với \\\", \\\\, \\/, \\n, \\t hoặc \\uXXXX, "
                      "không với `%c`",
                      e >= 0x20 && e < 0x7F ? e : '?');
        vb_buf_puts(&d->hint, "viết `\\\\` cho một dấu gạch chéo ngược (C:\\\\Tệp)");
        return 1;
      }
      if (e == 'u') {
        for (int k = 2; k < 6; k++)
          if (!strchr("0123456789abcdefABCDEF", at(c, i + k)) || !at(c, i + k)) {
            set(c, d, "json.bad-escape", i);
            vb_buf_puts(&d->message, "`\\u` phải có đúng bốn chữ số hệ mười sáu (\\u00A0)");
            vb_buf_puts(&d->hint, "viết `\\\\u` nếu muốn giữ nguyên chữ \\u");
            return 1;
          }
      }
      i++;
      continue;
    }
    if (ch == '"') return 0; /* the string closed: the error is not in it */
    if (ch == '\n' || ch == '\r') {
      set(c, d, "json.unclosed-string", quote);
      vb_buf_puts(&d->message, "chuỗi mở bằng dấu \" ở đây không được đóng trên dòng của nó");
      vb_buf_puts(&d->hint, "thêm dấu \" ở cuối chuỗi; để xuống dòng trong chuỗi, viết \\n");
      return 1;
    }
    if (ch < 0x20) {
      set(c, d, "json.control-char", i);
      vb_buf_printf(&d->message, "ký tự điều khiển U+%04X trong chuỗi", ch);
      vb_buf_puts(&d->hint, ch == '\t' ? "viết \\t thay cho dấu tab" : "xoá ký tự này");
      return 1;
    }
  }
  return 0;
}

/* The last byte before off that is not blank, or SIZE_MAX. */
static size_t previous_solid(const vb_json_error_ctx *c, size_t off) {
  while (off > c->base) {
    off--;
    if (!blank(at(c, off))) return off;
  }
  return (size_t)-1;
}

void vb_json_diagnose(const vb_json_error_ctx *c, vb_json_diagnosis *d) {
  const char *m = c->yajl_msg ? c->yajl_msg : "";
  if (c->at_end) {
    ended_early(c, d);
    return;
  }
  size_t s0 = skip_blanks(c, c->prev_end); /* the first byte after the last token */
  size_t t = skip_separators(c, c->prev_end);
  unsigned char ch = at(c, t);
  if (strstr(m, "comment")) {
    set(c, d, "json.comment", s0);
    vb_buf_puts(&d->message, "JSON không cho phép chú thích (// hoặc /* */)");
    vb_buf_puts(&d->hint, "xoá chú thích, hoặc ghi nó thành một trường, ví dụ \"ghi_chu\"");
    return;
  }
  if (in_string(c, t, d)) return;
  if (strstr(m, "trailing garbage")) {
    set(c, d, "json.extra-text", s0);
    if (at(c, s0) == '}' || at(c, s0) == ']')
      vb_buf_printf(&d->message, "thừa dấu `%c`: dữ liệu đã đóng trước nó", at(c, s0));
    else
      vb_buf_puts(&d->message, "còn nội dung sau khi dữ liệu đã đóng");
    vb_buf_puts(&d->hint, "cả tệp là một đối tượng { … }: xoá phần thừa, hoặc đếm lại các "
                          "dấu ngoặc phía trên");
    return;
  }
  /* "}" or "]" right after a comma: a trailing comma. */
  if ((ch == '}' || ch == ']') && s0 < t && at(c, s0) == ',') {
    set(c, d, "json.trailing-comma", s0);
    vb_buf_printf(&d->message,
                  "dấu phẩy thừa trước `%c`: sau phần tử cuối của %s không có "
                  "dấu phẩy",
                  ch, container_name(ch == '}' ? '{' : '['));
    vb_buf_puts(&d->hint, "xoá dấu phẩy này");
    return;
  }
  if (strstr(m, "after key and value") || strstr(m, "after array element")) {
    if ((ch == '}' || ch == ']') && c->open_kind) {
      set(c, d, "json.mismatched-bracket", t);
      vb_buf_printf(&d->message, "`%c` không khớp với `%c` mở ở dòng %u, cột %u: cần `%c`", ch,
                    c->open_kind, c->open_line, c->open_col, closer(c->open_kind));
      vb_buf_printf(&d->hint, "viết `%c` ở đây, hoặc tìm dấu ngoặc mở bị thiếu phía trên",
                    closer(c->open_kind));
      return;
    }
    size_t last = previous_solid(c, t); /* the end of the value before */
    if (last != (size_t)-1 && last + 1 == t && ch >= '0' && ch <= '9' && at(c, last) == '0') {
      set(c, d, "json.bad-number", last);
      vb_buf_puts(&d->message, "một số trong JSON không bắt đầu bằng chữ số 0 (01, 007)");
      vb_buf_puts(&d->hint, "bỏ số 0 ở đầu, hoặc đặt nó trong ngoặc kép nếu đó là một mã "
                            "(\"007\")");
      return;
    }
    set(c, d, "json.missing-comma", last == (size_t)-1 ? c->prev_end : last + 1);
    vb_buf_puts(&d->message, "thiếu dấu phẩy `,` sau giá trị này, trước ");
    token_text(c, t, &d->message);
    vb_buf_puts(&d->message, " ở ");
    place(c, t, &d->message);
    vb_buf_puts(&d->hint, "thêm dấu phẩy ở đây: các phần tử của một đối tượng hay danh sách "
                          "cách nhau bằng dấu phẩy");
    return;
  }
  if (strstr(m, "separated by a colon")) {
    set(c, d, "json.missing-colon", c->prev_end);
    vb_buf_puts(&d->message, "thiếu dấu hai chấm `:` giữa khoá và giá trị");
    vb_buf_puts(&d->hint, "viết \"khoá\": giá trị");
    return;
  }
  if (ch == '\'') {
    set(c, d, "json.single-quote", t);
    vb_buf_puts(&d->message, "JSON dùng dấu ngoặc kép \"…\", không dùng dấu nháy đơn '…'");
    vb_buf_puts(&d->hint, "thay dấu ' bằng dấu \"");
    return;
  }
  /* "1,5" inside an object: a decimal comma the parser read as a separator. */
  size_t before = previous_solid(c, t);
  if (ch >= '0' && ch <= '9' && before != (size_t)-1 && at(c, before) == ',' && before + 1 == t &&
      at(c, before - 1) >= '0' && at(c, before - 1) <= '9') {
    set(c, d, "json.decimal-comma", before);
    vb_buf_puts(&d->message, "số thập phân trong JSON viết bằng dấu chấm (41.5), không bằng "
                             "dấu phẩy (41,5)");
    vb_buf_puts(&d->hint, "viết dấu chấm, hoặc đặt số trong ngoặc kép (\"41,5\")");
    return;
  }
  if ((ch == '}' || ch == ']' || ch == ',') && before != (size_t)-1 && at(c, before) == ':') {
    set(c, d, "json.missing-value", before);
    vb_buf_puts(&d->message, "thiếu giá trị sau dấu hai chấm");
    vb_buf_puts(&d->hint, "viết một giá trị (\"…\", một số, true, false, null, [ ] hoặc { })");
    return;
  }
  if (word_char(ch) && !(ch >= '0' && ch <= '9') && ch != '-' && ch != '.') {
    size_t end = t;
    while (end < c->len && word_char(at(c, end)))
      end++;
    vb_buf word = VB_BUF_INIT;
    token_text(c, t, &word);
    if (at(c, skip_blanks(c, end)) == ':') {
      set(c, d, "json.unquoted-key", t);
      vb_buf_printf(&d->message, "khoá `%s` phải đặt trong dấu ngoặc kép", word.data);
      vb_buf_printf(&d->hint, "viết \"%s\":", word.data);
    } else {
      set(c, d, "json.bare-word", t);
      vb_buf_printf(&d->message, "`%s` không phải giá trị JSON: chữ phải đặt trong dấu ngoặc kép",
                    word.data);
      vb_buf_printf(&d->hint, "viết \"%s\" (hay true, false, null, viết thường)", word.data);
    }
    vb_buf_free(&word);
    return;
  }
  if (strstr(m, "number") || strstr(m, "digit")) {
    set(c, d, "json.bad-number", t);
    vb_buf_puts(&d->message, "số viết sai: ");
    token_text(c, t, &d->message);
    vb_buf_puts(&d->hint, "viết số như 2335, 41.5 hoặc -3 (không có dấu chấm hay dấu phẩy "
                          "phân cách hàng nghìn), hoặc đặt nó trong ngoặc kép");
    return;
  }
  set(c, d, "json.syntax", c->stop);
  vb_buf_printf(&d->message, "JSON không hợp lệ ở đây (%s)", m);
  vb_buf_puts(&d->hint, "sửa cú pháp ở chỗ này: thường là thiếu dấu phẩy, dấu ngoặc kép hoặc "
                        "dấu ngoặc");
}
