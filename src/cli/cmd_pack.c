/* vanban pack DIR OUT — build a DOCX/ODT from an unpacked directory, the
 * way the shipped templates are built from their sources in git. Entries
 * are sorted by name (mimetype first), so the package is reproducible. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "pkg/pkg.h"
#include "util/buf.h"
#include "util/fileio.h"

static const char help[] =
    "Usage: vanban pack DIR OUT.(docx|odt)\n"
    "\n"
    "Pack an unpacked DOCX or ODT directory into a package: entries sorted by name, ODT's\n"
    "mimetype first and stored, fixed timestamps, written atomically.\n";

typedef struct list {
  char **items;
  size_t len, cap;
} list;

static void walk(const char *root, const char *rel, list *out) {
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

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_pack(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  if (argc != 3) return cli_usage_error("pack", "expected DIR and OUT");
  list files = {0};
  walk(argv[1], "", &files);
  if (!files.len) return cli_usage_error("pack", "no files under %s", argv[1]);
  qsort(files.items, files.len, sizeof(char *), cmp);
  vb_diags *d = vb_diags_new();
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  for (size_t i = 0; i < files.len; i++) {
    char *full = vb_xasprintf("%s/%s", argv[1], files.items[i]);
    char *data = NULL;
    size_t len = 0;
    if (vb_read_file(full, 64u * 1024 * 1024, &data, &len, d) == 0)
      vb_pkg_writer_add_owned(w, files.items[i], data, len, !strcmp(files.items[i], "mimetype"));
    free(full);
    free(files.items[i]);
  }
  free(files.items);
  if (!vb_diags_errors(d)) vb_pkg_writer_finish_file(w, argv[2], d);
  vb_pkg_writer_free(w);
  int status = cli_report(d);
  vb_diags_free(d);
  return status;
}
