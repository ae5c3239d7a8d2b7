/* Running LibreOffice headless, for the commands that need it: --pdf
 * (pdf.c) and converting a template to the other format (convert.c). */
#ifndef VB_CLI_SOFFICE_H
#define VB_CLI_SOFFICE_H
#include <stddef.h>

/* Run argv (argv[0] a path) with stdin from /dev/null and stdout/stderr to
 * the file log, in a process group of its own that is killed when it ends
 * (soffice may leave helpers behind); wait up to timeout seconds and, when
 * stall > 0, up to stall seconds without progress: tick (may be NULL),
 * called every 100 ms, returns how much is done, or CLI_RUN_STOP to kill
 * it at once. Its TMPDIR is the folder holding log (a folder of vanban's
 * own, removed after the run: what a killed LibreOffice leaves in its
 * TMPDIR goes with it). Returns the exit status, -1 when it could not be
 * run, -2 on timeout, -3 when stalled, -4 when tick stopped it. */
#define CLI_RUN_STOP ((size_t)-1)
int cli_run(char **argv, const char *log, double timeout, double stall, size_t (*tick)(void *),
            void *ud);
/* file:// URL of an absolute path, percent-encoding what URLs cannot hold
 * (for -env:UserInstallation). */
void cli_file_url(const char *path, char *out, size_t outlen);
/* rm -rf of a directory vanban created (no symlinks followed). */
void cli_remove_tree(const char *path);

#endif
