#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int cli_report(vb_diags *d) {
  for (size_t i = 0; i < vb_diags_count(d); i++)
    fprintf(stderr, "vanban: %s\n", vb_diag_text(vb_diags_get(d, i)));
  return (int)vb_diags_status(d);
}

int cli_wants_help(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) return 1;
  return 0;
}

int cli_usage_error(const char *cmd, const char *rule, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("vanban: lỗi: ", stderr);
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, " [%s]\n  gợi ý: xem vanban %s --help\n", rule, cmd);
  va_end(ap);
  return VB_EUSAGE;
}

void cli_error(const char *file, const char *rule, const char *hint, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("vanban: ", stderr);
  if (file) fprintf(stderr, "%s: ", file);
  fputs("lỗi: ", stderr);
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, " [%s]\n", rule);
  if (hint) fprintf(stderr, "  gợi ý: %s\n", hint);
  va_end(ap);
}

int cli_unknown_option(const char *cmd, const char *arg, const char *help) {
  /* The options are the words of the help text that start with '-', so the
   * suggestions and the help cannot disagree. */
  enum { MAX_OPTIONS = 48 };
  char words[MAX_OPTIONS][32];
  const char *known[MAX_OPTIONS + 1];
  size_t n = 0;
  for (const char *p = help; *p && n < MAX_OPTIONS; p++) {
    if (*p != '-' || (p > help && !strchr(" [(|,\n", p[-1]))) continue;
    size_t len = strspn(p, "-abcdefghijklmnopqrstuvwxyz");
    if (len < 2 || len >= sizeof words[0] || (p[1] == '-' && len < 3)) continue;
    memcpy(words[n], p, len);
    words[n][len] = '\0';
    known[n] = words[n];
    n++;
    p += len - 1;
  }
  known[n] = NULL;
  const char *guess = vb_suggest(arg, known);
  if (guess)
    return cli_usage_error(cmd, "usage.unknown-option", "không có tùy chọn '%s' (có phải là %s?)",
                           arg, guess);
  return cli_usage_error(cmd, "usage.unknown-option", "không có tùy chọn '%s'", arg);
}

/* The returned buffer is reused by the next call: copy it to keep it. */
const char *cli_ext(const char *path) {
  static char ext[16];
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash) || strlen(dot + 1) >= sizeof ext) return "";
  size_t i = 0;
  for (const char *p = dot + 1; *p; p++)
    ext[i++] = (char)tolower((unsigned char)*p);
  ext[i] = '\0';
  return ext;
}

int cli_parse_tone(const char *cmd, const char *value, unsigned *data_flags) {
  if (!strcmp(value, "old"))
    *data_flags = (*data_flags & ~(unsigned)VB_DATA_TONE_NEW) | VB_DATA_TONE_OLD;
  else if (!strcmp(value, "new"))
    *data_flags = (*data_flags & ~(unsigned)VB_DATA_TONE_OLD) | VB_DATA_TONE_NEW;
  else
    return cli_usage_error(cmd, "usage.tone", "--tone nhận 'old' hoặc 'new', không phải '%s'",
                           value);
  return 0;
}
