/* Pictures: PNG and JPEG made here with libpng and libjpeg, then checked,
 * broken (cut short, a flipped byte, a lying header, too many pixels) and
 * refused; data: URIs; paths kept inside the data file's folder. */
#include <png.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE and size_t */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <jpeglib.h>

#include "media/media.h"
#include "test.h"

typedef struct mem {
  unsigned char *b;
  size_t len, cap;
} mem;

static void mem_write(png_structp png, png_bytep data, size_t n) {
  mem *m = png_get_io_ptr(png);
  if (m->len + n > m->cap) {
    m->cap = (m->len + n) * 2;
    m->b = realloc(m->b, m->cap);
  }
  memcpy(m->b + m->len, data, n);
  m->len += n;
}

static void mem_flush(png_structp png) { (void)png; }

/* An RGB PNG of w × h with a gradient, at dpi (0: no pHYs). */
static mem make_png(unsigned w, unsigned h, unsigned dpi) {
  mem m = {0};
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(png, &m, mem_write, mem_flush);
  png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (dpi) {
    png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
  }
  png_write_info(png, info);
  unsigned char *row = malloc((size_t)w * 3);
  for (unsigned y = 0; y < h; y++) {
    for (unsigned x = 0; x < w; x++) {
      row[3 * x] = (unsigned char)x;
      row[3 * x + 1] = (unsigned char)y;
      row[3 * x + 2] = (unsigned char)(x ^ y);
    }
    png_write_row(png, row);
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  free(row);
  return m;
}

static mem make_jpeg(unsigned w, unsigned h, unsigned dpi) {
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  unsigned char *out = NULL;
  unsigned long out_len = 0;
  jpeg_mem_dest(&c, &out, &out_len);
  c.image_width = w;
  c.image_height = h;
  c.input_components = 3;
  c.in_color_space = JCS_RGB;
  jpeg_set_defaults(&c);
  c.density_unit = 1;
  c.X_density = (UINT16)dpi;
  c.Y_density = (UINT16)dpi;
  jpeg_start_compress(&c, TRUE);
  unsigned char *row = malloc((size_t)w * 3);
  while (c.next_scanline < h) {
    for (unsigned x = 0; x < w; x++) {
      row[3 * x] = (unsigned char)(x * 7);
      row[3 * x + 1] = (unsigned char)c.next_scanline;
      row[3 * x + 2] = 128;
    }
    JSAMPROW r = row;
    jpeg_write_scanlines(&c, &r, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  free(row);
  mem m = {out, out_len, out_len};
  return m;
}

/* A PNG whose IHDR claims w × h, with a correct CRC, and no pixels. */
static mem lying_png(unsigned w, unsigned h) {
  mem m = {malloc(64), 0, 64};
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  memcpy(m.b, sig, 8);
  unsigned char ihdr[17] = {'I',
                            'H',
                            'D',
                            'R',
                            (unsigned char)(w >> 24),
                            (unsigned char)(w >> 16),
                            (unsigned char)(w >> 8),
                            (unsigned char)w,
                            (unsigned char)(h >> 24),
                            (unsigned char)(h >> 16),
                            (unsigned char)(h >> 8),
                            (unsigned char)h,
                            8,
                            2,
                            0,
                            0,
                            0};
  unsigned char len[4] = {0, 0, 0, 13};
  memcpy(m.b + 8, len, 4);
  memcpy(m.b + 12, ihdr, 17);
  unsigned long crc = crc32(0, ihdr, 17);
  unsigned char cb[4] = {(unsigned char)(crc >> 24), (unsigned char)(crc >> 16),
                         (unsigned char)(crc >> 8), (unsigned char)crc};
  memcpy(m.b + 29, cb, 4);
  m.len = 33;
  return m;
}

static void test_check(void) {
  vb_media_info info;
  mem png = make_png(120, 60, 300);
  CHECK(vb_media_sniff(png.b, png.len) == VB_MEDIA_PNG);
  CHECK(vb_media_check(png.b, png.len, &info) == VB_MEDIA_OK);
  CHECK(info.type == VB_MEDIA_PNG && info.width == 120 && info.height == 60);
  CHECK(info.dpi_x > 299.9 && info.dpi_x < 300.1);
  CHECK_STR(vb_media_ext(info.type), "png");
  CHECK_STR(vb_media_mime(info.type), "image/png");

  /* Cut short, in the middle of the pixel data: the probe (header only)
   * still reads it, the check refuses it. */
  CHECK(vb_media_probe(png.b, png.len / 2, &info) == VB_MEDIA_OK);
  CHECK(vb_media_check(png.b, png.len / 2, &info) == VB_MEDIA_E_CORRUPT);
  /* Without the last chunk (IEND): refused. */
  CHECK(vb_media_check(png.b, png.len - 12, &info) == VB_MEDIA_E_CORRUPT);
  /* A flipped byte in the compressed pixels: the chunk's CRC fails. */
  unsigned char *bad = malloc(png.len);
  memcpy(bad, png.b, png.len);
  bad[png.len - 20] ^= 0x55;
  CHECK(vb_media_check(bad, png.len, &info) == VB_MEDIA_E_CORRUPT);
  free(bad);
  free(png.b);

  /* No resolution stated: 0 (the renderer assumes 96 dpi). */
  png = make_png(8, 8, 0);
  CHECK(vb_media_check(png.b, png.len, &info) == VB_MEDIA_OK && info.dpi_x == 0);
  free(png.b);

  /* A header claiming an absurd size is refused before anything is
   * allocated for the pixels; so is one over the pixel budget. */
  mem lie = lying_png(1000000, 1000000);
  CHECK(vb_media_check(lie.b, lie.len, &info) == VB_MEDIA_E_PIXELS);
  CHECK(vb_media_probe(lie.b, lie.len, &info) == VB_MEDIA_E_PIXELS);
  free(lie.b);
  lie = lying_png(7000, 7000); /* 49 million pixels, each side allowed */
  CHECK(vb_media_check(lie.b, lie.len, &info) == VB_MEDIA_E_PIXELS);
  free(lie.b);
  lie = lying_png(100, 100); /* a plausible header and nothing after it */
  CHECK(vb_media_check(lie.b, lie.len, &info) == VB_MEDIA_E_CORRUPT);
  free(lie.b);

  mem jpg = make_jpeg(64, 32, 200);
  CHECK(vb_media_sniff(jpg.b, jpg.len) == VB_MEDIA_JPEG);
  CHECK(vb_media_check(jpg.b, jpg.len, &info) == VB_MEDIA_OK);
  CHECK(info.type == VB_MEDIA_JPEG && info.width == 64 && info.height == 32);
  CHECK(info.dpi_x == 200 && info.dpi_y == 200);
  CHECK_STR(vb_media_ext(info.type), "jpeg");
  /* Cut short: libjpeg's "premature end" is a warning, refused here. */
  CHECK(vb_media_check(jpg.b, jpg.len * 2 / 3, &info) == VB_MEDIA_E_CORRUPT);
  CHECK(vb_media_check(jpg.b, 200, &info) == VB_MEDIA_E_CORRUPT);
  free(jpg.b);

  static const char text[] = "GIF89a is not supported, nor is text";
  CHECK(vb_media_sniff((const unsigned char *)text, sizeof text) == VB_MEDIA_NONE);
  CHECK(vb_media_check((const unsigned char *)text, sizeof text, &info) == VB_MEDIA_E_FORMAT);
  CHECK(vb_media_check((const unsigned char *)text, 0, &info) == VB_MEDIA_E_EMPTY);
}

static void test_uri(void) {
  unsigned char *b;
  size_t n;
  static const char b64[] = "data:image/png;base64,aGVsbG8gd29ybGQ=";
  CHECK(vb_media_is_data_uri(b64, strlen(b64)));
  CHECK(!vb_media_is_data_uri("logo.png", 8));
  CHECK(vb_media_decode_uri(b64, strlen(b64), &b, &n) == VB_MEDIA_OK);
  CHECK(n == 11 && memcmp(b, "hello world", 11) == 0);
  free(b);
  static const char wrapped[] = "DATA:image/png;base64,aGVs\nbG8=";
  CHECK(vb_media_decode_uri(wrapped, strlen(wrapped), &b, &n) == VB_MEDIA_OK);
  CHECK(n == 5 && memcmp(b, "hello", 5) == 0);
  free(b);
  static const char pct[] = "data:,a%20b%2C";
  CHECK(vb_media_decode_uri(pct, strlen(pct), &b, &n) == VB_MEDIA_OK);
  CHECK(n == 4 && memcmp(b, "a b,", 4) == 0);
  free(b);
  static const char *const bad[] = {"data:image/png;base64,aGV*bG8=", "data:image/png;base64",
                                    "data:,%zz", "data:image/png;base64,aGVsbG8=x", NULL};
  for (int i = 0; bad[i]; i++)
    CHECK(vb_media_decode_uri(bad[i], strlen(bad[i]), &b, &n) == VB_MEDIA_E_URI);
}

static void test_paths(void) {
  char dir[] = "/tmp/vb-media-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char inside[256], sub[256], outside[256], link[256], big[256];
  snprintf(sub, sizeof sub, "%s/data", dir);
  mkdir(sub, 0755);
  snprintf(inside, sizeof inside, "%s/data/logo.png", dir);
  snprintf(outside, sizeof outside, "%s/secret.png", dir);
  snprintf(link, sizeof link, "%s/data/link.png", dir);
  snprintf(big, sizeof big, "%s/data/big.png", dir);
  FILE *f = fopen(inside, "w");
  fputs("x", f);
  fclose(f);
  f = fopen(outside, "w");
  fputs("y", f);
  fclose(f);
  CHECK(symlink(outside, link) == 0);

  char *r = NULL;
  CHECK(vb_media_resolve("logo.png", sub, 0, &r) == VB_MEDIA_OK && r &&
        strstr(r, "/data/logo.png"));
  free(r);
  CHECK(vb_media_resolve("../data/logo.png", sub, 0, &r) == VB_MEDIA_OK);
  free(r);
  CHECK(vb_media_resolve("../secret.png", sub, 0, &r) == VB_MEDIA_E_OUTSIDE && !r);
  CHECK(vb_media_resolve(outside, sub, 0, &r) == VB_MEDIA_E_OUTSIDE);
  /* A link inside that leads outside is outside. */
  CHECK(vb_media_resolve("link.png", sub, 0, &r) == VB_MEDIA_E_OUTSIDE);
  CHECK(vb_media_resolve("link.png", sub, 1, &r) == VB_MEDIA_OK);
  free(r);
  CHECK(vb_media_resolve("../secret.png", sub, 1, &r) == VB_MEDIA_OK);
  free(r);
  CHECK(vb_media_resolve("none.png", sub, 0, &r) == VB_MEDIA_E_MISSING);
  CHECK(vb_media_resolve("", sub, 0, &r) == VB_MEDIA_E_MISSING);

  unsigned char *b;
  size_t n;
  CHECK(vb_media_read(inside, &b, &n) == VB_MEDIA_OK && n == 1 && b[0] == 'x');
  free(b);
  CHECK(vb_media_read(sub, &b, &n) == VB_MEDIA_E_UNREADABLE);
  /* Over the size limit: refused from its size, without reading it. */
  f = fopen(big, "w");
  CHECK(f && ftruncate(fileno(f), (off_t)VB_MEDIA_MAX_BYTES + 1) == 0);
  fclose(f);
  CHECK(vb_media_read(big, &b, &n) == VB_MEDIA_E_SIZE);

  char *base = vb_media_base_dir("a/b/data.json");
  CHECK_STR(base, "a/b");
  free(base);
  base = vb_media_base_dir("data.json");
  CHECK_STR(base, ".");
  free(base);
  base = vb_media_base_dir("/data.json");
  CHECK_STR(base, "/");
  free(base);

  unlink(big);
  unlink(link);
  unlink(inside);
  unlink(outside);
  rmdir(sub);
  rmdir(dir);
}

int main(void) {
  test_check();
  test_uri();
  test_paths();
  TEST_MAIN_END();
}
