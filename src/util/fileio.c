/* syncfs */
#define _GNU_SOURCE
#include "util/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/diag.h"

/* mkstemp would give mode 0600 and fixing that needs umask(), which is not
 * thread-safe; open(O_CREAT|O_EXCL, 0644) lets the kernel apply the umask. The
 * random part only has to avoid collisions, not be secret: O_EXCL does the rest. */
static void temp_suffix(char out[7]) {
  static atomic_uint_fast64_t counter;
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ ((uint64_t)getpid() << 40) ^
               (atomic_fetch_add(&counter, 1) * 0x9E3779B97F4A7C15ull);
  /* splitmix64 finaliser: spreads the low-entropy inputs over all bits. */
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  x ^= x >> 31;
  for (int i = 0; i < 6; i++) {
    out[i] = alphabet[x % 62];
    x /= 62;
  }
  out[6] = '\0';
}

static int write_all(int fd, const char *p, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

/* A rename is only durable once the directory entry is on disk too. Failure
 * here is not reported: the data itself is complete and in place. */
static void fsync_parent_dir(const char *path) {
  const char *slash = strrchr(path, '/');
  char *dir =
      slash ? vb_xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : vb_xstrdup(".");
  int fd = open(dir, O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    (void)fsync(fd);
    close(fd);
  }
  free(dir);
}

const char *vb_errno_text(int e) {
  switch (e) {
  case ENOENT: return "không có tệp hay thư mục này";
  case EACCES:
  case EPERM: return "không có quyền";
  case ENOSPC: return "hết chỗ trên đĩa";
  case EDQUOT: return "hết hạn mức đĩa";
  case EISDIR: return "là một thư mục";
  case ENOTDIR: return "một phần của đường dẫn không phải thư mục";
  case EROFS: return "ổ đĩa chỉ đọc";
  case EIO: return "lỗi đọc ghi của thiết bị";
  case ENAMETOOLONG: return "tên quá dài";
  case EMFILE:
  case ENFILE: return "mở quá nhiều tệp cùng lúc";
  case ENOMEM: return "không đủ bộ nhớ";
  default: return strerror(e);
  }
}

static int write_file(const char *path, const void *data, size_t len, int durable, vb_diags *d) {
  size_t plen = strlen(path);
  char *tmp = vb_xmalloc(plen + sizeof(".XXXXXX.tmp"));
  int fd = -1;
  for (int tries = 0; tries < 100; tries++) {
    char sfx[7];
    temp_suffix(sfx);
    snprintf(tmp, plen + sizeof(".XXXXXX.tmp"), "%s.%s.tmp", path, sfx);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0 || errno != EEXIST) break;
  }
  if (fd < 0) {
    int e = errno;
    vb_error_rule(d, VB_EIO, "file.write", path, NULL,
                  "xem thư mục có tồn tại và ghi được không (tệp được ghi ra một tệp tạm bên cạnh "
                  "trước)",
                  "không tạo được tệp tạm bên cạnh tệp kết quả: %s", vb_errno_text(e));
    free(tmp);
    return -1;
  }
  struct stat st;
  if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) (void)fchmod(fd, st.st_mode & 07777);

  const char *what = "ghi";
  int e = 0;
  if (write_all(fd, data, len) != 0) {
    e = errno;
  } else if (durable && fsync(fd) != 0) {
    e = errno;
    what = "đồng bộ xuống đĩa";
  }
  if (close(fd) != 0 && e == 0) {
    e = errno;
    what = "đóng";
  }
  if (e == 0 && rename(tmp, path) != 0) {
    e = errno;
    what = "thay";
  }
  if (e != 0) {
    unlink(tmp);
    vb_error_rule(d, VB_EIO, "file.write", path, NULL,
                  e == ENOSPC ? "giải phóng chỗ trên đĩa rồi chạy lại"
                  : e == EISDIR ? "đường dẫn kết quả là một thư mục: cho một tên tệp"
                                : "xem lại đường dẫn và quyền ghi vào thư mục của nó",
                  "không %s được tệp kết quả: %s (tệp cũ, nếu có, vẫn giữ nguyên)", what,
                  vb_errno_text(e));
    free(tmp);
    return -1;
  }
  free(tmp);
  if (durable) fsync_parent_dir(path);
  return 0;
}

int vb_write_file_atomic(const char *path, const void *data, size_t len, vb_diags *d) {
  return write_file(path, data, len, 1, d);
}

int vb_write_file_replace(const char *path, const void *data, size_t len, vb_diags *d) {
  return write_file(path, data, len, 0, d);
}

int vb_sync_fs(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  int rc = syncfs(fd);
  int e = errno;
  close(fd);
  errno = e;
  return rc;
}

int vb_reader_open(vb_reader *r, const char *path, size_t max_len, vb_diags *d) {
  r->fd = -1;
  r->path = path;
  r->total = r->size = 0;
  r->regular = 0;
  if (max_len > SIZE_MAX - 2) max_len = SIZE_MAX - 2; /* room for the probe byte and the NUL */
  r->max_len = max_len;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    vb_error_rule(d, VB_EIO, "file.open", path, NULL,
                  e == ENOENT ? "xem lại tên tệp và thư mục hiện tại" : "xem lại quyền đọc tệp",
                  "không mở được tệp: %s", vb_errno_text(e));
    return -1;
  }
  struct stat st;
  int fst = fstat(fd, &st);
  if (fst != 0 || S_ISDIR(st.st_mode)) {
    int e = fst != 0 ? errno : EISDIR;
    vb_error_rule(d, VB_EIO, "file.read", path, NULL, "cho đường dẫn của một tệp",
                  "không đọc được tệp: %s", vb_errno_text(e));
    close(fd);
    return -1;
  }
  /* st_size is only a first guess (pipes say 0, files can grow): the read loop
   * enforces max_len on the bytes actually read. */
  if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > (unsigned long long)max_len) {
    vb_error_rule(
        d, VB_EIO, "file.too-large", path, NULL, "dùng tệp nhỏ hơn, hoặc xem có đúng tệp không",
        "tệp quá lớn: %llu byte, tối đa %zu byte", (unsigned long long)st.st_size, max_len);
    close(fd);
    return -1;
  }
  r->fd = fd;
  r->regular = S_ISREG(st.st_mode);
  r->size = r->regular ? (size_t)st.st_size : 0;
  return 0;
}

long vb_reader_read(vb_reader *r, void *buf, size_t n, vb_diags *d) {
  /* One byte past the limit is enough to know. */
  if (n > r->max_len + 1 - r->total) n = r->max_len + 1 - r->total;
  if (n > (size_t)1 << 30) n = (size_t)1 << 30;
  ssize_t got;
  do {
    got = n ? read(r->fd, buf, n) : 0;
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    int e = errno;
    vb_error_rule(d, VB_EIO, "file.read", r->path, NULL, "xem lại tệp và thiết bị chứa nó",
                  "không đọc được tệp: %s", vb_errno_text(e));
    return -1;
  }
  r->total += (size_t)got;
  if (r->total > r->max_len) {
    vb_error_rule(d, VB_EIO, "file.too-large", r->path, NULL,
                  "dùng tệp nhỏ hơn, hoặc xem có đúng tệp không", "tệp quá lớn: hơn %zu byte",
                  r->max_len);
    return -1;
  }
  return (long)got;
}

void vb_reader_close(vb_reader *r) {
  if (r->fd >= 0) close(r->fd);
  r->fd = -1;
}

int vb_read_file(const char *path, size_t max_len, char **data, size_t *len, vb_diags *d) {
  *data = NULL;
  *len = 0;
  vb_reader rd;
  if (vb_reader_open(&rd, path, max_len, d) != 0) return -1;
  max_len = rd.max_len;
  int fd = rd.fd;
  size_t cap = rd.regular ? rd.size + 1 : 65536;
  if (cap > max_len + 1) cap = max_len + 1;
  char *buf = vb_xmalloc(cap + 1);
  size_t n = 0;
  for (;;) {
    if (n == cap) {
      if (cap > max_len) break; /* one byte past the limit is enough to know */
      cap = cap > max_len / 2 ? max_len + 1 : cap * 2;
      buf = vb_xrealloc(buf, cap + 1);
    }
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      vb_error_rule(d, VB_EIO, "file.read", path, NULL, "xem lại tệp và thiết bị chứa nó",
                    "không đọc được tệp: %s", vb_errno_text(e));
      free(buf);
      close(fd);
      return -1;
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  close(fd);
  if (n > max_len) {
    vb_error_rule(d, VB_EIO, "file.too-large", path, NULL,
                  "dùng tệp nhỏ hơn, hoặc xem có đúng tệp không", "tệp quá lớn: hơn %zu byte",
                  max_len);
    free(buf);
    return -1;
  }
  buf[n] = '\0';
  *data = buf;
  *len = n;
  return 0;
}

/* The public names (vanban.h) of the two whole-file operations. */
vb_status vb_file_read(const char *path, size_t max_len, char **data, size_t *len, vb_diags *d) {
  return vb_read_file(path, max_len, data, len, d) == 0 ? VB_OK : VB_EIO;
}

vb_status vb_file_write(const char *path, const void *data, size_t len, vb_diags *d) {
  return vb_write_file_atomic(path, data, len, d) == 0 ? VB_OK : VB_EIO;
}
