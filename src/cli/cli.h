/* The command-line client: one file per command, over the public API
 * (include/vanban.h) only: what the CLI needs, the library offers to every
 * program. */
#ifndef VB_CLI_CLI_H
#define VB_CLI_CLI_H
#include <stdio.h>

#include "vanban.h"

int cmd_render(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_fields(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_update(int argc, char **argv);
int cmd_pack(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_template(int argc, char **argv);

/* Print every diagnostic to stderr; return the exit status they imply. */
int cli_report(vb_diags *d);
/* "-h"/"--help" among the arguments? */
int cli_wants_help(int argc, char **argv);
/* Print "vanban: lỗi: MESSAGE [RULE]" and a hint to read `vanban CMD --help`
 * to stderr; return VB_EUSAGE. RULE is a stable English id ("usage.argument")
 * that users can search for; MESSAGE is in Vietnamese. */
int cli_usage_error(const char *cmd, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Print "vanban: FILE: lỗi: MESSAGE [RULE]" (FILE may be NULL) and, if hint is
 * not NULL, "  gợi ý: HINT" to stderr: the library's frame for an error the
 * command line finds itself. */
void cli_error(const char *file, const char *rule, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* --tone VALUE ("old" or "new", for render, check and batch) into
 * VB_DATA_TONE_* flags: 0, or VB_EUSAGE with the message printed. */
int cli_parse_tone(const char *cmd, const char *value, unsigned *data_flags);
/* An option the command does not have: say so, with the one of its help
 * text it most likely means ("--pfd": có phải là --pdf?). Returns VB_EUSAGE. */
int cli_unknown_option(const char *cmd, const char *arg, const char *help);
/* Extension of path in lower case without the dot ("docx"), or "". */
const char *cli_ext(const char *path);

/* --embed-fonts (output.c): the Liberation Serif faces, read once. */
typedef struct cli_fonts {
  vb_font_face faces[4];
  void *bufs[4];
  size_t n;
} cli_fonts;
/* Find and read them ($VANBAN_FONTS, the install prefix, the directory the
 * build took them from, /usr/share/fonts/truetype/liberation2); dir_out (may
 * be NULL) gets the directory. 0 ok; VB_EIO with a message on stderr. */
int cli_fonts_load(cli_fonts *f, char *dir_out, size_t dir_len);
void cli_fonts_free(cli_fonts *f);
/* Render to path atomically; with fonts (NULL or empty: none) embedded. */
vb_status cli_render_to(const vb_template *t, const vb_data *data, const char *path, unsigned flags,
                        const cli_fonts *fonts, vb_diags *d);

#endif
