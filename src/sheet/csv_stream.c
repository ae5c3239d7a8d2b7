/* A CSV file read record by record (see sheet.h): the file is checked once
 * when opened (UTF-8, size, the separator of its first line), then each
 * record is read with pread from where it starts, into a book of its own.
 * The parsing is csv.c's, so a record reads exactly as in vb_csv_read. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sheet/sheet.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "vi/vi.h"

struct vb_csv_stream {
  char *path;
  char *sheet; /* the sheet's name, cleaned as the book cleans it */
  int fd;
  uint64_t size;
  uint64_t start; /* 3 after a BOM */
  char sep;
  unsigned flags;
};

/* The bytes of a chunk that end in the middle of a UTF-8 sequence: checked
 * with the next chunk. */
static size_t incomplete_tail(const unsigned char *s, size_t n) {
  size_t k = n, cont = 0;
  while (k > 0 && cont < 3 && (s[k - 1] & 0xC0) == 0x80) {
    k--;
    cont++;
  }
  if (k == 0 || s[k - 1] < 0xC0) return 0;
  unsigned lead = s[k - 1];
  size_t want = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
  return cont < want ? cont + 1 : 0;
}

/* The whole file once: UTF-8 (with vb_csv_read's message), its size, the
 * BOM, and the separator from its first line. */
static int check_file(vb_csv_stream *s, vb_reader *rd, vb_diags *d) {
  enum { CHUNK = 65536 };
  char *buf = vb_xmalloc(CHUNK + 4);
  vb_buf first = VB_BUF_INIT; /* the first line, for the separator */
  int first_done = 0, quoted = 0, rc = 0;
  size_t carry = 0;
  uint64_t offset = 0; /* of buf[0] in the file */
  uint32_t line = 1;   /* of buf[0] */
  for (;;) {
    long got = vb_reader_read(rd, buf + carry, CHUNK, d);
    if (got < 0) {
      rc = -1;
      break;
    }
    size_t n = carry + (size_t)got;
    size_t skip = 0;
    if (offset == 0 && n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
      s->start = 3;
      skip = 3;
    }
    size_t tail = got ? incomplete_tail((const unsigned char *)buf, n) : 0;
    size_t check = n - tail, bad;
    if (vi_utf8_check(buf + skip, check - skip, &bad) != 0) {
      bad += skip;
      for (size_t k = 0; k < bad; k++)
        if (buf[k] == '\n') line++;
      char where[96];
      snprintf(where, sizeof where, "dòng %u (byte %llu)", line,
               (unsigned long long)(offset + bad));
      vb_error_rule(d, VB_EDATA, "sheet.csv-encoding", s->path, where,
                    "lưu trang tính thành \"CSV UTF-8\" (Excel) hoặc chọn bộ mã UTF-8 "
                    "(LibreOffice)",
                    "byte UTF-8 sai 0x%02X: tệp không phải UTF-8", (unsigned char)buf[bad]);
      rc = -1;
      break;
    }
    for (size_t k = skip; k < check && !first_done; k++) {
      char c = buf[k];
      if (c == '"') quoted = !quoted;
      if (!quoted && (c == '\n' || c == '\r')) first_done = 1;
      vb_buf_putc(&first, c);
    }
    for (size_t k = 0; k < check; k++)
      if (buf[k] == '\n') line++;
    offset += check;
    if (!got) break;
    memmove(buf, buf + check, tail);
    carry = tail;
  }
  s->size = offset;
  s->sep = vb_csv__separator(first.data ? first.data : "", first.len);
  vb_buf_free(&first);
  free(buf);
  return rc;
}

vb_csv_stream *vb_csv_stream_open(const char *path, unsigned flags, vb_diags *d) {
  vb_reader rd;
  if (vb_reader_open(&rd, path, VB_SHEET_MAX_FILE, d) != 0) return NULL;
  vb_csv_stream *s = vb_xcalloc(1, sizeof *s);
  s->path = vb_xstrdup(path);
  s->flags = flags;
  s->fd = -1;
  if (check_file(s, &rd, d) != 0) {
    vb_reader_close(&rd);
    vb_csv_stream_close(s);
    return NULL;
  }
  /* The reader's descriptor stays open: records are read again from the
   * file as checked, even if it is replaced under the same name meanwhile. */
  s->fd = rd.fd;
  vb_buf name = VB_BUF_INIT;
  vb_csv__sheet_name(&name, path);
  vb_book *b = vb_book__new(path);
  vb_sheet *sh = vb_book__add_sheet(b, name.data ? name.data : "", name.len);
  s->sheet = vb_xstrdup(sh->name);
  vb_book_free(b);
  vb_buf_free(&name);
  return s;
}

vb_csv_pos vb_csv_stream_start(const vb_csv_stream *s) {
  vb_csv_pos p = {s->start, 0, 1};
  return p;
}

const char *vb_csv_stream_sheet(const vb_csv_stream *s) { return s->sheet; }

/* Up to n bytes at offset; how many, or -1. */
static long read_at(const vb_csv_stream *s, char *buf, size_t n, uint64_t offset) {
  size_t got = 0;
  while (got < n && offset + got < s->size) {
    ssize_t r = pread(s->fd, buf + got, n - got, (off_t)(offset + got));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return -1;
    if (r == 0) break;
    got += (size_t)r;
  }
  return (long)got;
}

int vb_csv_stream_read(const vb_csv_stream *s, vb_csv_pos *pos, vb_book **out, vb_diags *d) {
  *out = NULL;
  if (pos->offset >= s->size) return 0;
  size_t cap = 1024;
  char *buf = vb_xmalloc(cap);
  int rc;
  for (;;) {
    long got = read_at(s, buf, cap, pos->offset);
    if (got < 0) {
      vb_error_rule(d, VB_EIO, "file.read", s->path, NULL, "xem lại tệp và thiết bị chứa nó",
                    "không đọc được tệp: %s", vb_errno_text(errno));
      rc = -1;
      break;
    }
    /* A short read is the end too: the file was cut since it was checked. */
    int at_end = pos->offset + (uint64_t)got >= s->size || (size_t)got < cap;
    vb_csv_text t = {s->path, buf, (size_t)got, pos->line, s->sep, at_end, s->flags};
    vb_book *b = vb_book__new(s->path);
    vb_sheet *sh = vb_book__add_sheet(b, s->sheet, strlen(s->sheet));
    size_t i = 0;
    rc = vb_csv__record(&t, &i, b, sh, pos->row, d);
    if (rc == 0) { /* the record goes on past what was read */
      vb_book_free(b);
      cap *= 4;
      buf = vb_xrealloc(buf, cap);
      continue;
    }
    if (rc < 0) {
      vb_book_free(b);
      break;
    }
    for (size_t k = 0; k < i; k++)
      if (buf[k] == '\n') pos->line++;
    pos->offset += i;
    pos->row++;
    *out = b;
    break;
  }
  free(buf);
  return rc;
}

void vb_csv_stream_close(vb_csv_stream *s) {
  if (!s) return;
  if (s->fd >= 0) close(s->fd);
  free(s->path);
  free(s->sheet);
  free(s);
}
