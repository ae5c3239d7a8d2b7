/* vanban serve [--bind ADDR] [--port N] [--token T] …
 *
 * The web page for officers (web/), served by vanban itself on their own
 * machine: loopback only unless a token is given. Runs until Ctrl+C or
 * SIGTERM. */
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/serve.h"

static const char help[] =
    "Usage: vanban serve [--bind ADDR] [--port N] [--token T | --token-file F] [options]\n"
    "\n"
    "Serve the web page for officers: start a BÁO CÁO or THÔNG BÁO from a sample, a\n"
    "spreadsheet or a data file, fill in the header and the indicator figures, see every\n"
    "check finding next to its field, download DOCX, ODT, PDF and the data file, put\n"
    "corrected data into an edited document (update, with the diff), proofread a document,\n"
    "make one document per unit of a unit list (a ZIP, with progress and cancel).\n"
    "Open the address it prints (http://127.0.0.1:8080/) in a browser. Runs until Ctrl+C.\n"
    "\n"
    "It listens on 127.0.0.1 (this machine only) unless --bind says otherwise; any other\n"
    "address needs a token, which every request must carry (open http://ADDR:PORT/?token=T\n"
    "once; the page keeps it in a cookie). Every request's Host must be an IP address,\n"
    "localhost or an --allow-host name (no DNS rebinding), a request from another site's page\n"
    "is refused (Origin), and every POST carries the page's CSRF token. Uploads stay in\n"
    "memory or in a private temporary directory removed when the request is answered:\n"
    "nothing is kept on disk unless --data-dir is given. See docs/web.md.\n"
    "\n"
    "Options:\n"
    "  --bind ADDR        IP address to listen on (default 127.0.0.1; 0.0.0.0: every one)\n"
    "  --port N           port (default 8080; 0: any free port, printed at start)\n"
    "  --token T          access token (at least 16 characters), required beyond loopback\n"
    "  --token-file F     read the token from the first line of F\n"
    "  --allow-host NAME  also accept this host name in requests (repeatable)\n"
    "  --data-dir DIR     keep drafts the page saves in DIR/ban-nhap/ (one JSON file per\n"
    "                     save, named by the server, written atomically); without it\n"
    "                     nothing is kept\n"
    "  --jobs N           documents made at the same time (default: one per CPU); more\n"
    "                     requests wait for a free worker\n"
    "  --wait S           seconds a request waits for a worker before 503 with Retry-After\n"
    "                     (default 10; 0: answer 503 at once)\n"
    "  --max-upload MB    largest request body (default 20)\n"
    "  --timeout S        seconds a connection may stay idle (default 60)\n";

static int load_token_file(const char *path, char **out) {
  vb_diags *d = vb_diags_new();
  char *data = NULL;
  size_t len = 0;
  if (vb_file_read(path, 4096, &data, &len, d) != VB_OK) {
    cli_report(d);
    vb_diags_free(d);
    return -1;
  }
  vb_diags_free(d);
  data[strcspn(data, "\r\n")] = '\0';
  *out = data;
  return 0;
}

static int is_loopback(const char *addr) {
  unsigned char a[16];
  if (inet_pton(AF_INET, addr, a) == 1) return a[0] == 127;
  if (inet_pton(AF_INET6, addr, a) == 1) {
    static const unsigned char one[16] = {[15] = 1};
    return !memcmp(a, one, 16);
  }
  return 0;
}

static int make_csrf(char out[65]) {
  unsigned char r[32];
  FILE *f = fopen("/dev/urandom", "rb");
  if (!f || fread(r, 1, sizeof r, f) != sizeof r) {
    if (f) fclose(f);
    return -1;
  }
  fclose(f);
  for (int i = 0; i < 32; i++)
    snprintf(out + 2 * i, 3, "%02x", r[i]);
  return 0;
}

int cmd_serve(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  serve_config cfg = {0};
  snprintf(cfg.bind, sizeof cfg.bind, "127.0.0.1");
  cfg.port = 8080;
  cfg.max_request = (size_t)20 << 20;
  cfg.timeout = 60;
  cfg.wait = 10;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  cfg.jobs = cpus > 0 ? (unsigned)cpus : 1;
  char *token_buf = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    char *end = NULL;
    if (!strcmp(a, "--bind") && more) {
      if (strlen(argv[i + 1]) >= sizeof cfg.bind)
        return cli_usage_error("serve", "usage.value", "--bind: địa chỉ quá dài");
      snprintf(cfg.bind, sizeof cfg.bind, "%s", argv[++i]);
    } else if (!strcmp(a, "--port") && more) {
      long p = strtol(argv[++i], &end, 10);
      if (*end || p < 0 || p > 65535)
        return cli_usage_error("serve", "usage.value",
                               "--port cần một số từ 0 đến 65535, không phải '%s'", argv[i]);
      cfg.port = (unsigned)p;
    } else if (!strcmp(a, "--token") && more) {
      cfg.token = argv[++i];
    } else if (!strcmp(a, "--token-file") && more) {
      free(token_buf);
      if (load_token_file(argv[++i], &token_buf) != 0) return VB_EIO;
      cfg.token = token_buf;
    } else if (!strcmp(a, "--data-dir") && more) {
      cfg.data_dir = argv[++i];
    } else if (!strcmp(a, "--allow-host") && more) {
      if (cfg.nhosts == SERVE_MAX_HOSTS)
        return cli_usage_error("serve", "usage.value", "--allow-host: tối đa %d tên",
                               SERVE_MAX_HOSTS);
      cfg.hosts[cfg.nhosts++] = argv[++i];
    } else if (!strcmp(a, "--jobs") && more) {
      long n = strtol(argv[++i], &end, 10);
      if (*end || n < 1 || n > 256)
        return cli_usage_error("serve", "usage.value",
                               "--jobs cần một số từ 1 đến 256, không phải '%s'", argv[i]);
      cfg.jobs = (unsigned)n;
    } else if (!strcmp(a, "--max-upload") && more) {
      long n = strtol(argv[++i], &end, 10);
      if (*end || n < 1 || n > 1024)
        return cli_usage_error("serve", "usage.value",
                               "--max-upload cần số MB từ 1 đến 1024, không phải '%s'", argv[i]);
      cfg.max_request = (size_t)n << 20;
    } else if (!strcmp(a, "--wait") && more) {
      long n = strtol(argv[++i], &end, 10);
      if (*end || n < 0 || n > 600)
        return cli_usage_error("serve", "usage.value",
                               "--wait cần số giây từ 0 đến 600, không phải '%s'", argv[i]);
      cfg.wait = (unsigned)n;
    } else if (!strcmp(a, "--timeout") && more) {
      long n = strtol(argv[++i], &end, 10);
      if (*end || n < 1 || n > 3600)
        return cli_usage_error("serve", "usage.value",
                               "--timeout cần số giây từ 1 đến 3600, không phải '%s'", argv[i]);
      cfg.timeout = (unsigned)n;
    } else if (a[0] == '-') {
      return cli_unknown_option("serve", a, help);
    } else {
      return cli_usage_error("serve", "usage.argument", "đối số thừa '%s': serve chỉ nhận tùy chọn",
                             a);
    }
  }
  cfg.loopback = is_loopback(cfg.bind);
  int status = 0;
  if (cfg.token && strlen(cfg.token) < 16) {
    status = cli_usage_error("serve", "serve.token",
                             "mã truy cập (--token) quá ngắn: cần ít nhất 16 ký tự");
    goto done;
  }
  if (cfg.token && strspn(cfg.token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                     "0123456789-_.~") != strlen(cfg.token)) {
    status = cli_usage_error("serve", "serve.token",
                             "mã truy cập (--token) chỉ gồm chữ không dấu, số và - _ . ~");
    goto done;
  }
  if (!cfg.loopback && !cfg.token) {
    status = cli_usage_error(
        "serve", "serve.token",
        "--bind %s mở trang cho các máy khác trong mạng: cần --token T (hoặc --token-file F) "
        "để chỉ người có mã mới dùng được; ví dụ --token $(head -c 24 /dev/urandom | base64 | "
        "tr '+/' '-_')",
        cfg.bind);
    goto done;
  }
  if (make_csrf(cfg.csrf) != 0) {
    cli_error(NULL, "serve.random", "kiểm tra máy (thiết bị /dev/urandom)",
              "serve: không đọc được /dev/urandom để tạo mã chống giả mạo");
    status = VB_EIO;
    goto done;
  }
  if (serve_drafts_ready(&cfg) != 0) {
    cli_error(NULL, "serve.data-dir", "kiểm tra quyền ghi, hoặc chọn thư mục khác bằng --data-dir",
              "serve: không tạo được thư mục %s/ban-nhap (--data-dir)", cfg.data_dir);
    status = VB_EIO;
    goto done;
  }
  /* LibreOffice conversions (preview, PDF) are bounded like every request. */
  setenv("VANBAN_PDF_TIMEOUT", getenv("VANBAN_PDF_TIMEOUT") ? getenv("VANBAN_PDF_TIMEOUT") : "120",
         1);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL); /* every thread started below inherits it */
  signal(SIGPIPE, SIG_IGN);
  struct MHD_Daemon *daemon = serve_start(&cfg);
  if (!daemon) {
    status = VB_EIO;
    goto done;
  }
  /* The address to open: on a wildcard, this machine's loopback. */
  const char *shown = !strcmp(cfg.bind, "0.0.0.0") ? "127.0.0.1"
                      : !strcmp(cfg.bind, "::")    ? "::1"
                                                   : cfg.bind;
  int v6 = strchr(shown, ':') != NULL;
  fprintf(stderr, "vanban serve: trang ở http://%s%s%s:%u/ (Ctrl+C để dừng)\n", v6 ? "[" : "",
          shown, v6 ? "]" : "", cfg.port);
  if (!cfg.loopback)
    fprintf(stderr, "vanban serve: máy khác mở http://ĐỊA-CHỈ-MÁY-NÀY:%u/?token=… (mã đã cho)\n",
            cfg.port);
  fflush(stderr);
  int sig = 0;
  sigwait(&set, &sig);
  fprintf(stderr, "vanban serve: dừng\n");
  serve_stop(daemon);
done:
  free(token_buf);
  return status;
}
