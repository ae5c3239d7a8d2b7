/* Checking a picture by decoding it: libpng for PNG, libjpeg-turbo for JPEG.
 * Both report errors by longjmp out of the decoder; everything they
 * allocate is released by their destroy calls, and the one row buffer is
 * freed on every path. */
#include <png.h>
#include <setjmp.h>
#include <stdio.h> /* jpeglib.h needs FILE */
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "media/media.h"

vb_media_type vb_media_sniff(const unsigned char *b, size_t len) {
  static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (len >= 8 && memcmp(b, png_magic, 8) == 0) return VB_MEDIA_PNG;
  if (len >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return VB_MEDIA_JPEG;
  return VB_MEDIA_NONE;
}

const char *vb_media_ext(vb_media_type t) {
  return t == VB_MEDIA_PNG ? "png" : t == VB_MEDIA_JPEG ? "jpeg" : "bin";
}

const char *vb_media_mime(vb_media_type t) {
  return t == VB_MEDIA_PNG    ? "image/png"
         : t == VB_MEDIA_JPEG ? "image/jpeg"
                              : "application/octet-stream";
}

static int pixels_ok(unsigned long w, unsigned long h) {
  return w > 0 && h > 0 && w <= VB_MEDIA_MAX_SIDE && h <= VB_MEDIA_MAX_SIDE &&
         (unsigned long long)w * h <= VB_MEDIA_MAX_PIXELS;
}

/* --- PNG ------------------------------------------------------------------- */

typedef struct png_src {
  const unsigned char *b;
  size_t len, pos;
} png_src;

static void png_read_mem(png_structp png, png_bytep out, size_t n) {
  png_src *s = png_get_io_ptr(png);
  if (n > s->len - s->pos) png_error(png, "truncated");
  memcpy(out, s->b + s->pos, n);
  s->pos += n;
}

static void png_quiet(png_structp png, png_const_charp msg) {
  (void)png;
  (void)msg;
}

/* libpng's own handler prints the message: the caller reports instead. */
static void png_fail(png_structp png, png_const_charp msg) {
  (void)msg;
  png_longjmp(png, 1);
}

static unsigned long be32(const unsigned char *p) {
  return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static vb_media_error png_run(const unsigned char *b, size_t len, int decode, vb_media_info *info) {
  /* IHDR is the first chunk, at a fixed place: an absurd size is refused
   * from it, whatever the rest of the file is (libpng would first read on to
   * the pixels). */
  if (len >= 24 && memcmp(b + 12, "IHDR", 4) == 0 && !pixels_ok(be32(b + 16), be32(b + 20)))
    return VB_MEDIA_E_PIXELS;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_quiet);
  if (!png) return VB_MEDIA_E_CORRUPT;
  png_infop pi = png_create_info_struct(png);
  png_infop end = pi ? png_create_info_struct(png) : NULL;
  png_src src = {b, len, 0};
  png_bytep volatile row = NULL;
  volatile vb_media_error err = VB_MEDIA_E_CORRUPT;
  if (!pi || !end || setjmp(png_jmpbuf(png))) goto done;
  /* Before anything is allocated for the image: the header's size is
   * checked by libpng against these, and chunks (an iCCP or zTXt bomb) may
   * not inflate to more than this. */
  png_set_user_limits(png, VB_MEDIA_MAX_SIDE, VB_MEDIA_MAX_SIDE);
  png_set_chunk_malloc_max(png, 8u * 1024 * 1024);
  png_set_read_fn(png, &src, png_read_mem);
  png_read_info(png, pi);
  png_uint_32 w = png_get_image_width(png, pi), h = png_get_image_height(png, pi);
  if (!pixels_ok(w, h)) {
    err = VB_MEDIA_E_PIXELS;
    goto done;
  }
  info->type = VB_MEDIA_PNG;
  info->width = w;
  info->height = h;
  png_uint_32 rx = 0, ry = 0;
  int unit = 0;
  if (png_get_pHYs(png, pi, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER && rx && ry) {
    info->dpi_x = rx * 0.0254;
    info->dpi_y = ry * 0.0254;
  }
  if (decode) {
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, pi);
    size_t rowbytes = png_get_rowbytes(png, pi);
    row = malloc(rowbytes ? rowbytes : 1);
    if (!row) goto done;
    for (int p = 0; p < passes; p++)
      for (png_uint_32 y = 0; y < h; y++)
        png_read_row(png, row, NULL);
    /* Through IEND: the CRCs of the chunks after the pixels are checked. */
    png_read_end(png, end);
  }
  err = VB_MEDIA_OK;
done:
  free(row);
  png_destroy_read_struct(&png, pi ? &pi : NULL, end ? &end : NULL);
  return err;
}

/* --- JPEG ------------------------------------------------------------------ */

typedef struct jpeg_err {
  struct jpeg_error_mgr mgr;
  jmp_buf jump;
} jpeg_err;

static void jpeg_fail(j_common_ptr c) {
  jpeg_err *e = (jpeg_err *)c->err;
  longjmp(e->jump, 1);
}

/* A warning (level -1: corrupt data, a premature end) refuses the picture;
 * trace messages (level >= 0) are ignored. */
static void jpeg_message(j_common_ptr c, int level) {
  if (level < 0) jpeg_fail(c);
}

static void jpeg_quiet(j_common_ptr c) { (void)c; }

static vb_media_error jpeg_run(const unsigned char *b, size_t len, int decode,
                               vb_media_info *info) {
  struct jpeg_decompress_struct cinfo;
  jpeg_err jerr;
  JSAMPARRAY volatile rows = NULL;
  volatile vb_media_error err = VB_MEDIA_E_CORRUPT;
  memset(&cinfo, 0, sizeof cinfo);
  cinfo.err = jpeg_std_error(&jerr.mgr);
  jerr.mgr.error_exit = jpeg_fail;
  jerr.mgr.emit_message = jpeg_message;
  jerr.mgr.output_message = jpeg_quiet;
  if (setjmp(jerr.jump)) goto done;
  jpeg_create_decompress(&cinfo);
  /* Markers the decoder keeps in memory (COM, APPn) are bounded by libjpeg
   * itself (64 KB each); the progressive coefficient buffer is bounded by
   * the pixel limit checked below, before decompression starts. */
  cinfo.mem->max_memory_to_use = 512L * 1024 * 1024;
  jpeg_mem_src(&cinfo, b, (unsigned long)len);
  if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK) goto done;
  if (!pixels_ok(cinfo.image_width, cinfo.image_height)) {
    err = VB_MEDIA_E_PIXELS;
    goto done;
  }
  info->type = VB_MEDIA_JPEG;
  info->width = cinfo.image_width;
  info->height = cinfo.image_height;
  if (cinfo.saw_JFIF_marker && cinfo.X_density && cinfo.Y_density) {
    double f = cinfo.density_unit == 1 ? 1.0 : cinfo.density_unit == 2 ? 2.54 : 0;
    info->dpi_x = cinfo.X_density * f;
    info->dpi_y = cinfo.Y_density * f;
  }
  if (decode) {
    if (!jpeg_start_decompress(&cinfo)) goto done;
    size_t stride = (size_t)cinfo.output_width * (size_t)cinfo.output_components;
    rows = (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE, (JDIMENSION)stride, 1);
    while (cinfo.output_scanline < cinfo.output_height)
      if (jpeg_read_scanlines(&cinfo, rows, 1) != 1) goto done;
    /* Through EOI: data after the last scan is checked too. */
    jpeg_finish_decompress(&cinfo);
  }
  err = VB_MEDIA_OK;
done:
  jpeg_destroy_decompress(&cinfo);
  return err;
}

static vb_media_error run(const unsigned char *b, size_t len, int decode, vb_media_info *info) {
  memset(info, 0, sizeof *info);
  if (len == 0) return VB_MEDIA_E_EMPTY;
  if (len > VB_MEDIA_MAX_BYTES) return VB_MEDIA_E_SIZE;
  switch (vb_media_sniff(b, len)) {
  case VB_MEDIA_PNG: return png_run(b, len, decode, info);
  case VB_MEDIA_JPEG: return jpeg_run(b, len, decode, info);
  default: return VB_MEDIA_E_FORMAT;
  }
}

vb_media_error vb_media_check(const unsigned char *b, size_t len, vb_media_info *info) {
  return run(b, len, 1, info);
}

vb_media_error vb_media_probe(const unsigned char *b, size_t len, vb_media_info *info) {
  return run(b, len, 0, info);
}
