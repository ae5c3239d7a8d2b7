/* Build tool: pack the shipped templates from their sources in git and write
 * them as a C file that is compiled into the library, so that
 * vb_template_open_shipped needs no file and no install path.
 *
 *   embed_templates OUT.c NAME FORMAT DIR [NAME FORMAT DIR ...]
 *
 * FORMAT is docx or odt. The bytes are exactly those `vanban pack DIR` writes
 * (vb_pack_memory), so a shipped template and its installed file are the
 * same package. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/shipped.h"
#include "vanban.h"

/* The tool is linked with the library's objects but, being what makes the
 * table, has none of its own. */
const vb_shipped vb_shipped_templates[1] = {{0}};
const size_t vb_shipped_count = 0;

static int report(vb_diags *d) {
  for (size_t i = 0; i < vb_diags_count(d); i++)
    fprintf(stderr, "embed_templates: %s\n", vb_diag_text(vb_diags_get(d, i)));
  return 1;
}

int main(int argc, char **argv) {
  if (argc < 5 || (argc - 2) % 3 != 0) {
    fprintf(stderr, "usage: embed_templates OUT.c NAME FORMAT DIR [NAME FORMAT DIR ...]\n");
    return 4;
  }
  size_t n = (size_t)(argc - 2) / 3;
  vb_diags *d = vb_diags_new();
  char *tmp = malloc(strlen(argv[1]) + 5);
  sprintf(tmp, "%s.tmp", argv[1]);
  FILE *f = fopen(tmp, "w");
  if (!f) {
    perror(tmp);
    return 3;
  }
  fputs("/* Generated at build time by templates/embed_templates.c from templates/NAME/FORMAT/:\n"
        " * the shipped templates, packed. Do not edit. */\n"
        "#include \"api/shipped.h\"\n\n",
        f);
  for (size_t k = 0; k < n; k++) {
    const char *name = argv[2 + 3 * k], *fmt = argv[3 + 3 * k], *dir = argv[4 + 3 * k];
    if (strcmp(fmt, "docx") && strcmp(fmt, "odt")) {
      fprintf(stderr, "embed_templates: %s: the format is docx or odt, not %s\n", name, fmt);
      return 4;
    }
    void *bytes = NULL;
    size_t len = 0;
    if (vb_pack_memory(dir, &bytes, &len, d) != VB_OK) return report(d);
    fprintf(f, "static const unsigned char t%zu[%zu] = {", k, len);
    const unsigned char *b = bytes;
    for (size_t i = 0; i < len; i++)
      fprintf(f, "%s0x%02x,", i % 16 ? " " : "\n  ", b[i]);
    fputs("\n};\n\n", f);
    free(bytes);
  }
  fprintf(f, "const vb_shipped vb_shipped_templates[] = {\n");
  for (size_t k = 0; k < n; k++)
    fprintf(f, "    {\"%s\", VB_FORMAT_%s, t%zu, sizeof t%zu},\n", argv[2 + 3 * k],
            strcmp(argv[3 + 3 * k], "odt") ? "DOCX" : "ODT", k, k);
  fprintf(f, "};\nconst size_t vb_shipped_count = %zu;\n", n);
  if (fclose(f) != 0 || rename(tmp, argv[1]) != 0) {
    perror(argv[1]);
    return 3;
  }
  free(tmp);
  vb_diags_free(d);
  return 0;
}
