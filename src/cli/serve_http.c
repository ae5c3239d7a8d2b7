/* `vanban serve`: the libmicrohttpd daemon and what every request goes
 * through before an address answers it — the Host and Origin checks (no DNS
 * rebinding, no cross-site posts), the token when the server is reachable
 * beyond this machine, the CSRF token of every POST, the body limits (bodies
 * are kept in memory, multipart parsed by libmicrohttpd), the number of
 * documents made at once — and the headers of every answer. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/serve.h"

typedef struct serve_conn {
  serve_request req;
  struct MHD_PostProcessor *pp;
  size_t received;
  int too_large; /* the body went over the limit: the rest is read and dropped */
  int too_many;  /* more parts than SERVE_MAX_PARTS */
  int answered;  /* an answer was queued before the body was read */
  int has_job;   /* holds one of the jobs */
} serve_conn;

static sem_t jobs;

/* ---- answers -------------------------------------------------------------- */

const serve_part *serve_part_get(const serve_request *r, const char *name) {
  for (size_t i = 0; i < r->nparts; i++)
    if (!strcmp(r->parts[i].name, name)) return &r->parts[i];
  return NULL;
}

void serve_error(serve_response *res, unsigned status, const vb_diags *d, const char *hint,
                 const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  sb_free(&res->body);
  res->status = status;
  res->type = "application/json; charset=utf-8";
  res->filename[0] = '\0';
  sb_puts(&res->body, "{\"error\":");
  sb_json_str(&res->body, msg);
  sb_puts(&res->body, ",\"hint\":");
  sb_json_str(&res->body, hint);
  sb_puts(&res->body, ",\"diagnostics\":");
  sb_json_diags(&res->body, d);
  sb_puts(&res->body, "}\n");
}

static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data: blob:; connect-src 'self'; "
                          "frame-src 'self' blob:; object-src 'self' blob:; base-uri 'none'; "
                          "form-action 'self'; frame-ancestors 'none'";

static enum MHD_Result answer(struct MHD_Connection *c, serve_response *res) {
  struct MHD_Response *r;
  if (res->static_body)
    r = MHD_create_response_from_buffer(res->static_len, (void *)res->static_body,
                                        MHD_RESPMEM_PERSISTENT);
  else {
    r = MHD_create_response_from_buffer(res->body.len, res->body.data, MHD_RESPMEM_MUST_FREE);
    res->body.data = NULL; /* the response owns it now */
    res->body.len = res->body.cap = 0;
  }
  if (!r) return MHD_NO;
  MHD_add_response_header(r, "Content-Type", res->type ? res->type : "text/plain; charset=utf-8");
  MHD_add_response_header(r, "Content-Security-Policy", csp);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "X-Frame-Options", "DENY");
  MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(r, "Cache-Control", "no-store");
  MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
  if (res->filename[0]) {
    char disp[160];
    snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", res->filename);
    MHD_add_response_header(r, "Content-Disposition", disp);
  }
  if (res->retry_after) {
    char s[16];
    snprintf(s, sizeof s, "%u", res->retry_after);
    MHD_add_response_header(r, "Retry-After", s);
  }
  enum MHD_Result ok = MHD_queue_response(c, res->status, r);
  MHD_destroy_response(r);
  return ok;
}

static enum MHD_Result refuse(struct MHD_Connection *c, serve_conn *sc, unsigned status,
                              const char *hint, const char *msg) {
  serve_response res = {0};
  serve_error(&res, status, NULL, hint, "%s", msg);
  sc->answered = 1;
  enum MHD_Result ok = answer(c, &res);
  sb_free(&res.body);
  return ok;
}

/* ---- checks --------------------------------------------------------------- */

/* Equal, in time that does not depend on where they differ. */
static int same_secret(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  unsigned char diff = na != nb;
  for (size_t i = 0; i < na; i++)
    diff |= (unsigned char)(a[i] ^ b[i % (nb ? nb : 1)]);
  return diff == 0;
}

/* Host must name this server: an IP literal or localhost (a name an attacker's
 * DNS cannot point here), or a name given with --allow-host; and our port. */
static int host_ok(const serve_config *cfg, const char *host) {
  if (!host || !*host || strlen(host) > 255) return 0;
  char name[256];
  const char *port;
  if (host[0] == '[') {
    const char *end = strchr(host, ']');
    if (!end) return 0;
    snprintf(name, sizeof name, "%.*s", (int)(end - host - 1), host + 1);
    port = end[1] == ':' ? end + 2 : (end[1] ? NULL : "");
    unsigned char a6[16];
    if (!port || inet_pton(AF_INET6, name, a6) != 1) return 0;
  } else {
    const char *colon = strchr(host, ':');
    snprintf(name, sizeof name, "%.*s", (int)(colon ? (size_t)(colon - host) : strlen(host)), host);
    port = colon ? colon + 1 : "";
    unsigned char a4[4];
    int known = !strcasecmp(name, "localhost") || inet_pton(AF_INET, name, a4) == 1;
    for (size_t i = 0; !known && i < cfg->nhosts; i++)
      known = !strcasecmp(name, cfg->hosts[i]);
    if (!known) return 0;
  }
  char want[16];
  snprintf(want, sizeof want, "%u", cfg->port);
  return *port ? !strcmp(port, want) : cfg->port == 80;
}

/* The token from the Authorization header, the cookie, or ?token=. */
static int token_ok(struct MHD_Connection *c, const serve_config *cfg, int *from_query) {
  *from_query = 0;
  if (!cfg->token) return 1;
  const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
  if (auth && !strncmp(auth, "Bearer ", 7) && same_secret(auth + 7, cfg->token)) return 1;
  const char *cookie = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "vanban_token");
  if (cookie && same_secret(cookie, cfg->token)) return 1;
  const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
  if (q && same_secret(q, cfg->token)) return *from_query = 1;
  return 0;
}

/* ---- bodies --------------------------------------------------------------- */

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size) {
  serve_conn *sc = cls;
  serve_request *r = &sc->req;
  if (!key) return MHD_YES;
  serve_part *p = NULL;
  for (size_t i = 0; i < r->nparts; i++)
    if (!strcmp(r->parts[i].name, key)) p = &r->parts[i];
  if (!p) {
    if (r->nparts == SERVE_MAX_PARTS || strlen(key) >= sizeof p->name) {
      sc->too_many = 1;
      return MHD_YES;
    }
    p = &r->parts[r->nparts++];
    snprintf(p->name, sizeof p->name, "%s", key);
    /* Only the extension of the client's file name is kept, to tell formats
     * apart; the name itself is never used. */
    const char *dot = filename ? strrchr(filename, '.') : NULL;
    if (dot && strlen(dot + 1) < sizeof p->ext) {
      size_t i = 0;
      for (const char *q = dot + 1; *q; q++)
        p->ext[i++] = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
      p->ext[i] = '\0';
    }
  }
  sb_put(&p->body, data, size);
  return MHD_YES;
}

static void conn_free(serve_conn *sc) {
  if (!sc) return;
  if (sc->pp) MHD_destroy_post_processor(sc->pp);
  for (size_t i = 0; i < sc->req.nparts; i++)
    sb_free(&sc->req.parts[i].body);
  if (sc->has_job) sem_post(&jobs);
  free(sc);
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode why) {
  conn_free(*con_cls);
  *con_cls = NULL;
}

/* ---- requests ------------------------------------------------------------- */

static enum MHD_Result first_call(serve_config *cfg, struct MHD_Connection *c, const char *url,
                                  const char *method, serve_conn *sc) {
  const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
  if (!host_ok(cfg, host))
    return refuse(c, sc, 421,
                  "Mở trang bằng địa chỉ mà vanban serve in ra khi khởi động "
                  "(ví dụ http://127.0.0.1:8080/); tên máy khác cần --allow-host.",
                  "Yêu cầu bị từ chối: tiêu đề Host không phải địa chỉ của máy chủ này.");
  const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
  if (origin) {
    char want[300];
    snprintf(want, sizeof want, "http://%s", host);
    if (strcmp(origin, want))
      return refuse(c, sc, 403, "Chỉ trang của chính vanban serve được gửi yêu cầu tới nó.",
                    "Yêu cầu bị từ chối: đến từ một trang web khác (Origin không khớp).");
  }
  int from_query;
  if (!token_ok(c, cfg, &from_query))
    return refuse(c, sc, 401,
                  "Mở địa chỉ có mã truy cập mà người quản trị đưa cho bạn "
                  "(http://…/?token=…).",
                  "Cần mã truy cập (token) để dùng máy chủ này.");
  if (from_query && !strcmp(method, "GET")) {
    /* Keep the token in a cookie and drop it from the address bar. */
    struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    char cookie[512];
    snprintf(cookie, sizeof cookie, "vanban_token=%s; Path=/; HttpOnly; SameSite=Strict",
             cfg->token);
    MHD_add_response_header(r, "Set-Cookie", cookie);
    MHD_add_response_header(r, "Location", "/");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    sc->answered = 1;
    enum MHD_Result ok = MHD_queue_response(c, 303, r);
    MHD_destroy_response(r);
    return ok;
  }
  if (strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "POST"))
    return refuse(c, sc, 405, NULL, "Phương thức không được hỗ trợ (chỉ GET và POST).");
  if (!strcmp(method, "POST")) {
    const char *csrf = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Vanban-CSRF");
    if (!csrf || !same_secret(csrf, cfg->csrf))
      return refuse(c, sc, 403, "Tải lại trang rồi thử lại.",
                    "Yêu cầu bị từ chối: thiếu hoặc sai mã chống giả mạo (CSRF).");
    const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (len && strtoull(len, NULL, 10) > cfg->max_request) {
      char msg[200];
      snprintf(msg, sizeof msg, "Tệp gửi lên quá lớn: tối đa %zu MB mỗi lần.",
               cfg->max_request >> 20);
      return refuse(c, sc, 413, "Chia nhỏ tệp, hoặc khởi động máy chủ với --max-upload lớn hơn.",
                    msg);
    }
    sc->pp = MHD_create_post_processor(c, 64 * 1024, on_part, sc);
    if (!sc->pp)
      return refuse(c, sc, 415, "Gửi dữ liệu dạng multipart/form-data.",
                    "Kiểu nội dung không được hỗ trợ.");
    /* Wait for a worker up to --wait seconds (the queue is the waiting
     * connections, bounded by the connection limit), then 503. */
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += cfg->wait;
    int got;
    while ((got = sem_timedwait(&jobs, &until)) != 0 && errno == EINTR) {
    }
    if (got != 0) {
      serve_response res = {0};
      serve_error(&res, 503, NULL, "Chờ vài giây rồi thử lại.",
                  "Máy chủ đang bận (đã có %u việc đang làm).", cfg->jobs);
      res.retry_after = 5;
      sc->answered = 1;
      enum MHD_Result ok = answer(c, &res);
      sb_free(&res.body);
      return ok;
    }
    sc->has_job = 1;
  }
  (void)url;
  return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls) {
  serve_config *cfg = cls;
  serve_conn *sc = *con_cls;
  if (!sc) {
    sc = calloc(1, sizeof *sc);
    if (!sc) return MHD_NO;
    *con_cls = sc;
    sc->req.cfg = cfg;
    return first_call(cfg, c, url, method, sc);
  }
  if (*upload_data_size) {
    if (!sc->answered && !sc->too_large) {
      sc->received += *upload_data_size;
      if (sc->received > cfg->max_request)
        sc->too_large = 1;
      else if (sc->pp)
        MHD_post_process(sc->pp, upload_data, *upload_data_size);
    }
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (sc->answered) return MHD_YES;
  sc->answered = 1;
  if (sc->too_large) {
    char msg[200];
    snprintf(msg, sizeof msg, "Tệp gửi lên quá lớn: tối đa %zu MB mỗi lần.",
             cfg->max_request >> 20);
    return refuse(c, sc, 413, "Chia nhỏ tệp, hoặc khởi động máy chủ với --max-upload lớn hơn.",
                  msg);
  }
  if (sc->too_many) return refuse(c, sc, 400, NULL, "Quá nhiều trường hoặc tệp trong một yêu cầu.");
  sc->req.path = url;
  sc->req.method = method;
  sc->req.query_ten = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "ten");
  sc->req.query_id = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "id");
  const serve_part *id = serve_part_get(&sc->req, "id");
  if (id && id->body.data) sc->req.query_id = id->body.data;
  serve_response res = {0};
  serve_api(&sc->req, &res);
  enum MHD_Result ok = answer(c, &res);
  sb_free(&res.body);
  (void)version;
  return ok;
}

/* ---- the daemon ----------------------------------------------------------- */

struct MHD_Daemon *serve_start(serve_config *cfg) {
  struct sockaddr_in a4 = {0};
  struct sockaddr_in6 a6 = {0};
  const struct sockaddr *addr;
  unsigned flags =
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;
  if (inet_pton(AF_INET, cfg->bind, &a4.sin_addr) == 1) {
    a4.sin_family = AF_INET;
    a4.sin_port = htons((uint16_t)cfg->port);
    addr = (const struct sockaddr *)&a4;
  } else if (inet_pton(AF_INET6, cfg->bind, &a6.sin6_addr) == 1) {
    a6.sin6_family = AF_INET6;
    a6.sin6_port = htons((uint16_t)cfg->port);
    addr = (const struct sockaddr *)&a6;
    flags |= MHD_USE_IPv6;
  } else {
    cli_error(NULL, "serve.bind", "dùng một địa chỉ IP, ví dụ --bind 127.0.0.1",
              "serve: --bind '%s' không phải địa chỉ IP", cfg->bind);
    return NULL;
  }
  sem_init(&jobs, 0, cfg->jobs);
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, (uint16_t)cfg->port, NULL, NULL, on_request, cfg, MHD_OPTION_SOCK_ADDR, addr,
      MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
      (unsigned)cfg->timeout, MHD_OPTION_CONNECTION_LIMIT, (unsigned)(cfg->jobs * 4 + 16),
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(cfg->jobs * 2 + 16),
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024), MHD_OPTION_END);
  if (!d) {
    cli_error(NULL, "serve.port", "chọn cổng khác với --port",
              "serve: không mở được cổng %u trên %s (cổng đang được dùng, hoặc cần quyền "
              "quản trị cho cổng dưới 1024)",
              cfg->port, cfg->bind);
    sem_destroy(&jobs);
    return NULL;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  if (info && info->port) cfg->port = info->port;
  return d;
}

void serve_stop(struct MHD_Daemon *d) {
  if (!d) return;
  MHD_stop_daemon(d);
  serve_batch_shutdown();
  sem_destroy(&jobs);
}
