/* Progress of a batch: one updating line on a terminal (count/total, rate,
 * time left), plain "12/16 NAME xong" lines otherwise, nothing with --quiet. Not
 * thread-safe: callers serialise the calls (cmd_batch holds its queue lock). */
#ifndef VB_CLI_PROGRESS_H
#define VB_CLI_PROGRESS_H
#include <stddef.h>

typedef struct cli_progress cli_progress;

/* mode: CLI_PROGRESS_AUTO picks the bar when stderr is a terminal (and
 * $VANBAN_PROGRESS is not "plain"), plain lines otherwise. */
/* CLI_PROGRESS_JSON: a JSON line on stderr at most twice a second and when a
 * phase ends: {"phase":"render 0/2","done":12,"total":503,"rate":85.3,
 * "eta_s":5.7} (only numbers and the phase, for schedulers and web pages). */
enum {
  CLI_PROGRESS_AUTO = 0,
  CLI_PROGRESS_PLAIN = 1,
  CLI_PROGRESS_QUIET = 2,
  CLI_PROGRESS_JSON = 3
};

/* phase names the phase in the JSON lines ("render", "render 1/4"), label
 * on the bar ("tạo văn bản"). */
cli_progress *cli_progress_new(size_t total, int mode, const char *phase, const char *label);
/* One item finished: status "xong", "xong, N cảnh báo" or "LỖI". */
void cli_progress_item(cli_progress *p, const char *label, const char *status);
/* Print a line (an error, a warning) without garbling the bar. */
void cli_progress_print(cli_progress *p, const char *line);
/* The number of items of the current phase, once it is known. */
void cli_progress_total(cli_progress *p, size_t total);
/* Start counting a new phase ("pdf", on the bar "PDF") from zero over total
 * items. */
void cli_progress_phase(cli_progress *p, const char *phase, const char *label, size_t total);
/* Advance the current phase to done items (absolute), without a plain line. */
void cli_progress_set(cli_progress *p, size_t done);
/* Clear the bar; seconds since the start of the current phase. */
double cli_progress_finish(cli_progress *p);
void cli_progress_free(cli_progress *p);

/* v with frac decimals after a comma, the Vietnamese way ("12,9"). */
void cli_vi_decimal(char *out, size_t n, double v, int frac);

#endif
