/* Naming a unit: its output file from the pattern, and its label in
 * messages. See units.h. */
#include <stdlib.h>
#include <string.h>

#include "batch/units.h"
#include "data/json.h"

const vb_value *vb_units_lookup(const vb_value *v, const char *path, size_t len) {
  const char *p = path, *end = path + len;
  while (v && p < end) {
    const char *dot = memchr(p, '.', (size_t)(end - p));
    size_t n = dot ? (size_t)(dot - p) : (size_t)(end - p);
    if (v->kind == VB_OBJ) {
      v = vb_obj_getn(v, p, n);
    } else if (v->kind == VB_ARR) {
      size_t ix = 0;
      int ok = n > 0 && n <= 9 && !(n > 1 && p[0] == '0');
      for (size_t i = 0; ok && i < n; i++) {
        ok = p[i] >= '0' && p[i] <= '9';
        ix = ix * 10 + (size_t)(p[i] - '0');
      }
      v = ok && ix < v->u.arr.len ? v->u.arr.items[ix] : NULL;
    } else {
      return NULL;
    }
    p += n + (dot ? 1 : 0);
  }
  return v;
}

const vb_value *vb_units_field(const vb_value *data, const char *name, size_t len) {
  const vb_value *v = vb_units_lookup(data, name, len);
  if (v) return v;
  char *alt = vb_xasprintf("_%.*s", (int)len, name);
  v = vb_units_lookup(data, alt, len + 1);
  free(alt);
  return v;
}

/* s as part of a file name: no directory level, no "..", no hidden file. */
static void put_safe(vb_buf *out, const char *s, size_t n) {
  size_t start = out->len;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f)
      vb_buf_putc(out, '-');
    else if (c == '.' &&
             (out->len == start || (i + 1 < n && s[i + 1] == '.') || (i > 0 && s[i - 1] == '.')))
      vb_buf_putc(out, '_');
    else
      vb_buf_putc(out, (char)c);
  }
}

static size_t count_dotdot(const char *p) {
  size_t n = 0;
  for (const char *s = p; *s;) {
    size_t l = strcspn(s, "/");
    if (l == 2 && s[0] == '.' && s[1] == '.') n++;
    s += l;
    if (*s == '/') s++;
  }
  return n;
}

int vb_units_output(const char *pattern, const vb_value *data, size_t number, size_t total,
                    vb_buf *out, vb_buf *err) {
  vb_buf_clear(out);
  for (const char *p = pattern; *p;) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
      vb_buf_putc(out, *p);
      p += 2;
      continue;
    }
    if (*p != '{') {
      vb_buf_putc(out, *p++);
      continue;
    }
    const char *close = strchr(p, '}');
    if (!close) {
      vb_buf_printf(err,
                    "mẫu tên tệp kết quả có '{' mà không có '}' (viết {{ để có một dấu ngoặc)");
      return -1;
    }
    const char *f = p + 1;
    size_t n = (size_t)(close - f);
    p = close + 1;
    if (n == 1 && *f == '#') {
      int width = 1;
      for (size_t t = total; t >= 10; t /= 10)
        width++;
      vb_buf_printf(out, "%0*zu", width, number);
      continue;
    }
    const vb_value *v = vb_units_field(data, f, n);
    if (!v) {
      vb_buf_printf(err, "trường {%.*s} của mẫu tên tệp kết quả không có trong dữ liệu của đơn vị",
                    (int)n, f);
      return -1;
    }
    size_t before = out->len;
    if (v->kind == VB_STR) {
      put_safe(out, v->u.str.s, v->u.str.len);
    } else if (v->kind == VB_NUM) {
      vb_buf tmp = VB_BUF_INIT;
      vb_json_write_number(&tmp, v->u.num);
      put_safe(out, tmp.data, tmp.len);
      vb_buf_free(&tmp);
    } else {
      vb_buf_printf(err, "trường {%.*s} của mẫu tên tệp kết quả là %s, không phải chữ hay số",
                    (int)n, f, vb_vkind_name(v->kind));
      return -1;
    }
    if (out->len == before) {
      vb_buf_printf(err, "trường {%.*s} của mẫu tên tệp kết quả rỗng", (int)n, f);
      return -1;
    }
  }
  if (count_dotdot(vb_buf_cstr(out)) > count_dotdot(pattern)) {
    vb_buf_printf(err, "tên tệp kết quả \"%s\" sẽ ra ngoài thư mục của nó", vb_buf_cstr(out));
    return -1;
  }
  return 0;
}

void vb_units_label(const char *pattern, const vb_value *data, size_t number, vb_buf *out) {
  vb_buf_printf(out, "đơn vị %zu", number);
  /* The first {field} of the pattern that is not a brace or {#}. */
  const char *f = strchr(pattern, '{');
  while (f && f[1] == '{')
    f = strchr(f + 2, '{');
  const char *close = f ? strchr(f, '}') : NULL;
  if (!data || !f || !close || (close - f == 2 && f[1] == '#')) return;
  const vb_value *v = vb_units_field(data, f + 1, (size_t)(close - f - 1));
  if (v && v->kind == VB_STR) {
    vb_buf_printf(out, " (%s)", v->u.str.s);
  } else if (v && v->kind == VB_NUM) {
    vb_buf_puts(out, " (");
    vb_json_write_number(out, v->u.num);
    vb_buf_putc(out, ')');
  }
}
