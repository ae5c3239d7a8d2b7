/* `vanban serve`: the web page for officers, an HTTP server on
 * libmicrohttpd over the public API (include/vanban.h) only.
 *
 * serve_http.c  the daemon, every request's security checks, bodies, limits
 * serve_api.c   what each address does (render, check, init, update, …)
 * serve_batch.c batches: a thread per batch, progress, cancel, the ZIP
 * serve_drafts.c drafts kept on the server with --data-dir
 * serve_util.c  buffers, JSON text, private temporary directories
 * cmd_serve.c   the command's arguments and its life (start, signals, stop) */
#ifndef VB_CLI_SERVE_H
#define VB_CLI_SERVE_H
#include <stdarg.h>
#include <stddef.h>

#include "vanban.h"

/* ---- configuration -------------------------------------------------------- */

enum { SERVE_MAX_HOSTS = 8, SERVE_MAX_PARTS = 8 };

typedef struct serve_config {
  char bind[64];                      /* the address listened on, as given */
  unsigned port;                      /* the port listened on (the real one once started) */
  int loopback;                       /* bind is a loopback address */
  const char *token;                  /* required from every request, or NULL */
  const char *data_dir;               /* where saved drafts go, or NULL: nothing kept */
  const char *hosts[SERVE_MAX_HOSTS]; /* names accepted in Host besides IPs and localhost */
  size_t nhosts;
  size_t max_request; /* bytes of one request's body */
  unsigned jobs;      /* documents made at the same time */
  unsigned timeout;   /* seconds a connection may stay idle */
  unsigned wait;      /* seconds a request waits for a free worker before 503 */
  char csrf[65];      /* this run's CSRF token (hex) */
} serve_config;

/* ---- buffers and JSON text ------------------------------------------------ */

typedef struct serve_buf {
  char *data;
  size_t len, cap;
} serve_buf;

void sb_put(serve_buf *b, const void *p, size_t n);
void sb_puts(serve_buf *b, const char *s);
void sb_printf(serve_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s (NULL: null) as a JSON string. */
void sb_json_str(serve_buf *b, const char *s);
/* n bytes as base64. */
void sb_base64(serve_buf *b, const void *p, size_t n);
void sb_free(serve_buf *b);

/* Every diagnostic of d as a JSON list of objects. */
void sb_json_diags(serve_buf *b, const vb_diags *d);

/* ---- private temporary directories ------------------------------------- */

/* A new directory only this process can read, under $TMPDIR (or /tmp);
 * 0 ok (path in out), -1 failed. */
int serve_tmpdir_new(char *out, size_t outlen);
/* Remove it with everything in it. */
void serve_tmpdir_remove(const char *path);
/* Write bytes to dir/name (name chosen by the server, never by a client). */
int serve_tmp_write(const char *dir, const char *name, const void *p, size_t n, char *path,
                    size_t pathlen);
/* Read a whole file (at most max bytes); 0 ok. */
int serve_read_file(const char *path, size_t max, serve_buf *out);

/* ---- one request ---------------------------------------------------------- */

/* One field or file of a multipart/form-data body, in memory. */
typedef struct serve_part {
  char name[32];
  char ext[8]; /* the extension of the file name the client gave, lower case ("xlsx"), or "" */
  serve_buf body;
} serve_part;

typedef struct serve_request {
  const serve_config *cfg;
  const char *path;      /* "/api/render" */
  const char *method;    /* "GET", "POST" */
  const char *query_ten; /* ?ten= */
  const char *query_id;  /* ?id= (a batch), or the "id" field of a POST */
  serve_part parts[SERVE_MAX_PARTS];
  size_t nparts;
} serve_request;

typedef struct serve_response {
  unsigned status;
  const char *type; /* Content-Type */
  serve_buf body;
  char filename[96];       /* Content-Disposition: attachment; filename=… (ASCII, safe), or "" */
  unsigned retry_after;    /* seconds, for 503 */
  const void *static_body; /* a body owned by someone else (an embedded file) */
  size_t static_len;
} serve_response;

/* The part named name, or NULL. */
const serve_part *serve_part_get(const serve_request *r, const char *name);
/* An error answer: {"error": message, "hint": hint, "diagnostics": [...]}. */
void serve_error(serve_response *res, unsigned status, const vb_diags *d, const char *hint,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Answer a request that passed every check (serve_api.c). */
void serve_api(const serve_request *r, serve_response *res);

/* Batches (serve_batch.c): POST /api/batch starts one (202), GET
 * /api/batch?id= and POST /api/batch/cancel (id) give its progress, GET
 * /api/batch/zip?id= the ZIP once done. shutdown cancels and forgets all. */
void serve_batch_start(const serve_request *r, serve_response *res);
void serve_batch_status(const serve_request *r, serve_response *res, int cancel);
void serve_batch_zip(const serve_request *r, serve_response *res);
void serve_batch_shutdown(void);

/* Drafts kept with --data-dir (serve_drafts.c): POST /api/drafts saves the
 * "data" field, GET /api/drafts lists them (newest first), GET
 * /api/draft?ten= gives one. ready: make DIR/ban-nhap; 0 ok. */
int serve_drafts_ready(const serve_config *cfg);
void serve_drafts_save(const serve_request *r, serve_response *res);
void serve_drafts_list(const serve_request *r, serve_response *res);
void serve_drafts_get(const serve_request *r, serve_response *res);

/* Start the daemon; NULL with a message on stderr. cfg->port gets the real port. */
struct MHD_Daemon;
struct MHD_Daemon *serve_start(serve_config *cfg);
void serve_stop(struct MHD_Daemon *d);

#endif
