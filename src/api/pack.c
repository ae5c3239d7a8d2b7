/* Packing an unpacked DOCX/ODT directory: how the shipped templates are built
 * from their sources in git (and compiled into the library), and what
 * `vanban pack` does. Entries are sorted by name (mimetype first, stored), so
 * the package is reproducible. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pkg/pkg.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "vanban.h"

/* One part of a template; larger is a mistake or an attack. */
#define VB_PACK_MAX_FILE (64u * 1024 * 1024)

typedef struct name_list {
  char **items;
  size_t len, cap;
} name_list;

static void walk(const char *root, const char *rel, name_list *out) {
  char *path = vb_xasprintf("%s%s%s", root, *rel ? "/" : "", rel);
  DIR *dir = opendir(path);
  free(path);
  if (!dir) return;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2]))) continue;
    char *child = vb_xasprintf("%s%s%s", rel, *rel ? "/" : "", e->d_name);
    char *full = vb_xasprintf("%s/%s", root, child);
    struct stat st;
    if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
      walk(root, child, out);
    } else if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
      if (out->len == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 32;
        out->items = vb_xrealloc(out->items, out->cap * sizeof(char *));
      }
      out->items[out->len++] = child;
      child = NULL;
    }
    free(child);
    free(full);
  }
  closedir(dir);
}

static int cmp_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The package writer holding every file under dir, or NULL (reasons in d). */
static vb_pkg_writer *pack(const char *dir, vb_diags *d) {
  if (!dir) return NULL;
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    vb_error_rule(d, VB_EUSAGE, "pack.dir", dir, NULL,
                  "cho thư mục chứa một DOCX hay ODT đã giải nén", "không phải một thư mục");
    return NULL;
  }
  name_list files = {0};
  walk(dir, "", &files);
  if (!files.len) {
    vb_error_rule(d, VB_EUSAGE, "pack.dir", dir, NULL,
                  "cho thư mục chứa một DOCX hay ODT đã giải nén", "không có tệp nào để đóng gói");
    return NULL;
  }
  qsort(files.items, files.len, sizeof(char *), cmp_name);
  size_t errors = vb_diags_errors(d);
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  for (size_t i = 0; i < files.len; i++) {
    char *full = vb_xasprintf("%s/%s", dir, files.items[i]);
    char *data = NULL;
    size_t len = 0;
    if (vb_read_file(full, VB_PACK_MAX_FILE, &data, &len, d) == 0)
      vb_pkg_writer_add_owned(w, files.items[i], data, len, !strcmp(files.items[i], "mimetype"));
    free(full);
    free(files.items[i]);
  }
  free(files.items);
  if (vb_diags_errors(d) > errors) {
    vb_pkg_writer_free(w);
    return NULL;
  }
  return w;
}

vb_status vb_pack_memory(const char *dir, void **out, size_t *out_len, vb_diags *d) {
  if (!out || !out_len) return VB_EUSAGE;
  *out = NULL;
  *out_len = 0;
  vb_pkg_writer *w = pack(dir, d);
  if (!w) return vb_diags_status(d) ? vb_diags_status(d) : VB_EUSAGE;
  int rc = vb_pkg_writer_finish_memory(w, out, out_len, d);
  vb_pkg_writer_free(w);
  return rc == 0 ? VB_OK : vb_diags_status(d);
}

vb_status vb_pack_file(const char *dir, const char *out_path, vb_diags *d) {
  if (!out_path) return VB_EUSAGE;
  vb_pkg_writer *w = pack(dir, d);
  if (!w) return vb_diags_status(d) ? vb_diags_status(d) : VB_EUSAGE;
  int rc = vb_pkg_writer_finish_file(w, out_path, d);
  vb_pkg_writer_free(w);
  return rc == 0 ? VB_OK : vb_diags_status(d);
}
