/* Writing one rendered document: atomically, with fonts embedded on request
 * (--embed-fonts). Shared by `render` and `batch`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#ifndef VB_FONTS_SOURCE_DIR
#define VB_FONTS_SOURCE_DIR ""
#endif
#ifndef VB_INSTALL_FONTS_DIR
#define VB_INSTALL_FONTS_DIR ""
#endif

static const struct {
  const char *file;
  int bold, italic;
} serif_faces[4] = {{"LiberationSerif-Regular.ttf", 0, 0},
                    {"LiberationSerif-Bold.ttf", 1, 0},
                    {"LiberationSerif-Italic.ttf", 0, 1},
                    {"LiberationSerif-BoldItalic.ttf", 1, 1}};

int cli_fonts_load(cli_fonts *f, char *dir_out, size_t dir_len) {
  memset(f, 0, sizeof *f);
  const char *dirs[] = {getenv("VANBAN_FONTS"), VB_INSTALL_FONTS_DIR, VB_FONTS_SOURCE_DIR,
                        "/usr/share/fonts/truetype/liberation2",
                        "/usr/share/fonts/truetype/liberation"};
  char path[4096];
  for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
    if (!dirs[i] || !*dirs[i]) continue;
    snprintf(path, sizeof path, "%s/%s", dirs[i], serif_faces[0].file);
    if (access(path, R_OK) != 0) continue;
    vb_diags *d = vb_diags_new();
    int ok = 1;
    for (size_t k = 0; k < 4 && ok; k++) {
      snprintf(path, sizeof path, "%s/%s", dirs[i], serif_faces[k].file);
      char *bytes = NULL;
      size_t len = 0;
      if (vb_file_read(path, 64u * 1024 * 1024, &bytes, &len, d) != VB_OK) {
        ok = 0;
        break;
      }
      f->bufs[k] = bytes;
      f->faces[k] = (vb_font_face){"Liberation Serif",
                                   "Times New Roman",
                                   serif_faces[k].bold,
                                   serif_faces[k].italic,
                                   bytes,
                                   len};
      f->n = k + 1;
    }
    if (!ok) {
      cli_report(d);
      vb_diags_free(d);
      cli_fonts_free(f);
      return VB_EIO;
    }
    vb_diags_free(d);
    if (dir_out) snprintf(dir_out, dir_len, "%s", dirs[i]);
    return 0;
  }
  cli_error(NULL, "fonts.missing",
            "cài bằng: apt-get install fonts-liberation2 (hoặc đặt VANBAN_FONTS là thư mục của "
            "các tệp phông)",
            "--embed-fonts cần các tệp phông Liberation Serif (LiberationSerif-*.ttf), mà không "
            "tìm thấy");
  return VB_EIO;
}

void cli_fonts_free(cli_fonts *f) {
  for (size_t k = 0; k < 4; k++)
    free(f->bufs[k]);
  memset(f, 0, sizeof *f);
}

vb_status cli_render_to(const vb_template *t, const vb_data *data, const char *path, unsigned flags,
                        const cli_fonts *fonts, vb_diags *d) {
  if (!fonts || !fonts->n) return vb_render_file(t, data, path, flags, d);
  void *doc = NULL, *out = NULL;
  size_t len = 0, out_len = 0;
  vb_status st = vb_render_memory(t, data, flags, &doc, &len, d);
  if (st == VB_OK) st = vb_embed_fonts(doc, len, fonts->faces, fonts->n, &out, &out_len, d);
  if (st == VB_OK) st = vb_file_write(path, out, out_len, d);
  free(doc);
  free(out);
  return st;
}
