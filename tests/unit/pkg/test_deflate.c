/* Parts compressed while they are produced (src/pkg/deflate.c): every stream
 * is inflated back with zlib and compared byte for byte, the CRC is checked
 * against zlib's, and the bytes must not depend on how the input was split. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <zlib.h>

#include "pkg/deflate.h"
#include "pkg/pkg.h"
#include "test.h"
#include "util/buf.h"
#include "util/diag.h"

/* XML-like text with some variety (row numbers, a pseudo-random word), so
 * that it compresses like a rendered table and not like a run of one byte. */
static unsigned char *make_text(size_t len) {
  unsigned char *t = malloc(len ? len : 1);
  uint32_t x = 12345;
  size_t i = 0;
  unsigned row = 0;
  while (i < len) {
    char line[160];
    x = x * 1103515245u + 12345u;
    int n = snprintf(line, sizeof line,
                     "<w:tr><w:tc><w:p><w:r><w:t>%u</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r>"
                     "<w:t>Tiêu chí %u.%u</w:t></w:r></w:p></w:tc></w:tr>",
                     row++, (unsigned)(x >> 16) % 97, (unsigned)(x >> 8) % 13);
    for (int k = 0; k < n && i < len; k++)
      t[i++] = (unsigned char)line[k];
  }
  return t;
}

/* Inflate a raw deflate stream; returns the bytes (malloc'd) or NULL. */
static unsigned char *inflate_raw(const vb_deflated *z, size_t *out_len) {
  size_t cap = (size_t)z->size + 1;
  unsigned char *out = malloc(cap);
  z_stream s;
  memset(&s, 0, sizeof s);
  if (inflateInit2(&s, -15) != Z_OK) return NULL;
  s.next_in = z->data;
  s.avail_in = (uInt)z->len;
  s.next_out = out;
  s.avail_out = (uInt)cap;
  int r = inflate(&s, Z_FINISH);
  /* The whole stream must be consumed: nothing after the final block. */
  int ok = r == Z_STREAM_END && s.avail_in == 0;
  *out_len = s.total_out;
  inflateEnd(&s);
  if (!ok) {
    free(out);
    return NULL;
  }
  return out;
}

static void check_roundtrip(const vb_deflated *z, const unsigned char *want, size_t len) {
  size_t got_len = 0;
  unsigned char *got = inflate_raw(z, &got_len);
  CHECK(got != NULL);
  CHECK(got_len == len);
  CHECK(got && memcmp(got, want, len) == 0);
  CHECK(z->size == len);
  CHECK(z->crc == (uint32_t)crc32(0, want, (uInt)len));
  free(got);
}

/* Feed `len` bytes in pieces of the sizes given (cycled). */
static vb_deflated stream_in_pieces(const unsigned char *t, size_t len, const size_t *pieces,
                                    size_t npieces) {
  vb_deflater *z = vb_deflater_new(1);
  size_t at = 0;
  for (size_t k = 0; at < len; k++) {
    size_t n = pieces[k % npieces];
    if (n > len - at) n = len - at;
    vb_deflater_write(z, t + at, n);
    at += n;
  }
  vb_deflated out;
  int rc = vb_deflater_finish(z, &out);
  CHECK(rc == 0);
  vb_deflater_free(z);
  return out;
}

static void test_small_and_empty(void) {
  const char *xml = "<w:p><w:r><w:t>Xã Hà Tân: 58,6%</w:t></w:r></w:p>";
  vb_deflated z;
  CHECK(vb_deflate_buffer(xml, strlen(xml), 1, &z) == 0);
  check_roundtrip(&z, (const unsigned char *)xml, strlen(xml));
  free(z.data);

  CHECK(vb_deflate_buffer("", 0, 1, &z) == 0);
  check_roundtrip(&z, (const unsigned char *)"", 0);
  free(z.data);

  /* A deflater that was given nothing gives an empty part. */
  vb_deflater *d = vb_deflater_new(1);
  CHECK(vb_deflater_finish(d, &z) == 0);
  check_roundtrip(&z, (const unsigned char *)"", 0);
  free(z.data);
  vb_deflater_free(d);
}

/* Up to one piece: the same bytes as the one-shot compression. */
static void test_one_piece_is_one_shot(void) {
  size_t len = VB_DEFLATE_CHUNK;
  unsigned char *t = make_text(len);
  vb_deflated whole, streamed;
  CHECK(vb_deflate_buffer(t, len, 1, &whole) == 0);
  size_t pieces[] = {4096, 100000, 1};
  streamed = stream_in_pieces(t, len, pieces, 3);
  CHECK(streamed.len == whole.len && memcmp(streamed.data, whole.data, whole.len) == 0);
  check_roundtrip(&streamed, t, len);
  free(whole.data);
  free(streamed.data);
  free(t);
}

/* Many pieces on worker threads: valid, complete, and the same bytes however
 * the input was split (more pieces than slots, so slots are reused). */
static void test_many_pieces(void) {
  size_t len = 20 * (size_t)VB_DEFLATE_CHUNK + 12345;
  unsigned char *t = make_text(len);
  size_t a[] = {256 * 1024};
  size_t b[] = {1, 7, 65536, 3 * (size_t)VB_DEFLATE_CHUNK + 5, 999};
  vb_deflated za = stream_in_pieces(t, len, a, 1);
  vb_deflated zb = stream_in_pieces(t, len, b, 5);
  check_roundtrip(&za, t, len);
  check_roundtrip(&zb, t, len);
  CHECK(za.len == zb.len && memcmp(za.data, zb.data, za.len) == 0);
  /* It does compress (the text is repetitive XML). */
  CHECK(za.len < len / 4);
  free(za.data);
  free(zb.data);
  free(t);
}

/* A deflater freed without finish (an error in the render) with pieces in
 * flight: freeing returns (a hang would hit ctest's timeout), leaks nothing
 * (LeakSanitizer fails the run), and the next stream still compresses
 * correctly — the worker threads are not left holding a slot. */
static void test_free_unfinished(void) {
  size_t len = 5 * (size_t)VB_DEFLATE_CHUNK;
  unsigned char *t = make_text(len);
  size_t piece[] = {len};
  vb_deflater *z = vb_deflater_new(1);
  vb_deflater_write(z, t, len);
  vb_deflater_free(z);
  vb_deflated again = stream_in_pieces(t, len, piece, 1);
  check_roundtrip(&again, t, len);
  free(again.data);
  free(t);
}

/* A compressed entry given to the writer comes out of the package intact,
 * stored as deflate with the stated size and CRC. */
static void test_writer_takes_deflated(void) {
  size_t len = 3 * (size_t)VB_DEFLATE_CHUNK + 77;
  unsigned char *t = make_text(len);
  vb_deflated z;
  size_t piece[] = {300000};
  z = stream_in_pieces(t, len, piece, 1);
  vb_pkg_writer *w = vb_pkg_writer_new(1);
  vb_pkg_writer_add(w, "a.xml", "<a/>", 4, 0);
  vb_pkg_writer_add_deflated(w, "big.xml", &z);
  CHECK(z.data == NULL); /* the writer took it */
  vb_diags *d = vb_diags_new();
  void *zip;
  size_t zip_len;
  CHECK(vb_pkg_writer_finish_memory(w, &zip, &zip_len, d) == 0);
  vb_pkg_writer_free(w);
  vb_pkg_limits lim;
  vb_pkg_limits_default(&lim);
  vb_pkg *p = vb_pkg_open_memory(zip, zip_len, "test.zip", &lim, d);
  CHECK(p != NULL);
  if (p) {
    long i = vb_pkg_find(p, "big.xml");
    char *data = NULL;
    size_t n = 0;
    CHECK(i >= 0 && vb_pkg_read(p, (size_t)i, &data, &n, d) == 0);
    CHECK(n == len && data && memcmp(data, t, len) == 0);
    free(data);
    i = vb_pkg_find(p, "a.xml");
    CHECK(i >= 0 && vb_pkg_read(p, (size_t)i, &data, &n, d) == 0);
    CHECK(n == 4 && data && memcmp(data, "<a/>", 4) == 0);
    free(data);
    vb_pkg_free(p);
  }
  /* libzip wrote the bytes it was given: the method is deflate. */
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(zip, zip_len, 0, &ze);
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
  CHECK(za != NULL);
  if (za) {
    zip_stat_t st;
    CHECK(zip_stat(za, "big.xml", 0, &st) == 0 && st.comp_method == ZIP_CM_DEFLATE &&
          st.size == len && st.crc == (uint32_t)crc32(0, t, (uInt)len));
    zip_discard(za);
  }
  zip_error_fini(&ze);
  free(zip);
  vb_diags_free(d);
  free(t);
}

int main(void) {
  test_small_and_empty();
  test_one_piece_is_one_shot();
  test_many_pieces();
  test_free_unfinished();
  test_writer_takes_deflated();
  TEST_MAIN_END();
}
