/* Where a picture's bytes come from: a file next to the data file (the real
 * path must stay inside the data file's folder unless the caller allows
 * otherwise), or a data: URI (RFC 2397) written into the data itself. */
/* realpath is XSI, beyond the POSIX level the build asks for. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "media/media.h"

int vb_media_is_data_uri(const char *ref, size_t len) {
  return len >= 5 && (ref[0] | 0x20) == 'd' && (ref[1] | 0x20) == 'a' && (ref[2] | 0x20) == 't' &&
         (ref[3] | 0x20) == 'a' && ref[4] == ':';
}

static int b64_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

static int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
  return -1;
}

/* Base64 (standard or URL alphabet), white space ignored, padding optional
 * but only at the end. No library the project uses decodes it. */
static vb_media_error decode_base64(const char *s, size_t n, unsigned char **out, size_t *out_len) {
  if (n / 4 * 3 > (size_t)VB_MEDIA_MAX_BYTES + 3) return VB_MEDIA_E_SIZE;
  unsigned char *b = malloc(n / 4 * 3 + 3);
  if (!b) return VB_MEDIA_E_SIZE;
  size_t k = 0;
  unsigned acc = 0;
  int bits = 0, pad = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      pad++;
      continue;
    }
    int v = b64_value(c);
    if (v < 0 || pad) {
      free(b);
      return VB_MEDIA_E_URI;
    }
    acc = (acc << 6) | (unsigned)v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      b[k++] = (unsigned char)(acc >> bits);
      acc &= (1u << bits) - 1;
    }
  }
  if (pad > 2 || bits >= 6) {
    free(b);
    return VB_MEDIA_E_URI;
  }
  *out = b;
  *out_len = k;
  return VB_MEDIA_OK;
}

static vb_media_error decode_percent(const char *s, size_t n, unsigned char **out,
                                     size_t *out_len) {
  unsigned char *b = malloc(n ? n : 1);
  if (!b) return VB_MEDIA_E_SIZE;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] != '%') {
      b[k++] = (unsigned char)s[i];
      continue;
    }
    int hi = i + 2 < n ? hex_value((unsigned char)s[i + 1]) : -1;
    int lo = i + 2 < n ? hex_value((unsigned char)s[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      free(b);
      return VB_MEDIA_E_URI;
    }
    b[k++] = (unsigned char)(hi << 4 | lo);
    i += 2;
  }
  *out = b;
  *out_len = k;
  return VB_MEDIA_OK;
}

vb_media_error vb_media_decode_uri(const char *ref, size_t len, unsigned char **bytes,
                                   size_t *out_len) {
  *bytes = NULL;
  *out_len = 0;
  if (!vb_media_is_data_uri(ref, len)) return VB_MEDIA_E_URI;
  const char *comma = memchr(ref, ',', len);
  if (!comma) return VB_MEDIA_E_URI;
  /* The parameters: ";base64" must be the last of them. */
  size_t head = (size_t)(comma - ref);
  int b64 = head >= 7 && strncmp(comma - 7, ";base64", 7) == 0;
  const char *data = comma + 1;
  size_t n = len - head - 1;
  if (n > (size_t)VB_MEDIA_MAX_BYTES / 3 * 4 + 8) return VB_MEDIA_E_SIZE;
  vb_media_error e =
      b64 ? decode_base64(data, n, bytes, out_len) : decode_percent(data, n, bytes, out_len);
  if (e == VB_MEDIA_OK && *out_len > VB_MEDIA_MAX_BYTES) {
    free(*bytes);
    *bytes = NULL;
    return VB_MEDIA_E_SIZE;
  }
  return e;
}

char *vb_media_base_dir(const char *data_path) {
  const char *slash = data_path ? strrchr(data_path, '/') : NULL;
  if (!slash) return strdup(".");
  if (slash == data_path) return strdup("/");
  size_t n = (size_t)(slash - data_path);
  char *s = malloc(n + 1);
  if (!s) return NULL;
  memcpy(s, data_path, n);
  s[n] = '\0';
  return s;
}

vb_media_error vb_media_resolve(const char *ref, const char *base_dir, int allow_outside,
                                char **resolved) {
  *resolved = NULL;
  if (!*ref) return VB_MEDIA_E_MISSING;
  size_t bl = strlen(base_dir), rl = strlen(ref);
  char *joined = malloc(bl + rl + 2);
  if (!joined) return VB_MEDIA_E_UNREADABLE;
  if (ref[0] == '/')
    memcpy(joined, ref, rl + 1);
  else {
    memcpy(joined, base_dir, bl);
    joined[bl] = '/';
    memcpy(joined + bl + 1, ref, rl + 1);
  }
  char *real = realpath(joined, NULL);
  int missing = !real && (errno == ENOENT || errno == ENOTDIR);
  free(joined);
  if (!real) return missing ? VB_MEDIA_E_MISSING : VB_MEDIA_E_UNREADABLE;
  if (!allow_outside) {
    char *base = realpath(base_dir, NULL);
    size_t n = base ? strlen(base) : 0;
    /* Inside: the base itself followed by a slash ("/" is a prefix of all). */
    int inside =
        base && strncmp(real, base, n) == 0 && (real[n] == '/' || (n == 1 && base[0] == '/'));
    free(base);
    if (!inside) {
      free(real);
      return VB_MEDIA_E_OUTSIDE;
    }
  }
  *resolved = real;
  return VB_MEDIA_OK;
}

vb_media_error vb_media_read(const char *path, unsigned char **bytes, size_t *len) {
  *bytes = NULL;
  *len = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? VB_MEDIA_E_MISSING : VB_MEDIA_E_UNREADABLE;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return VB_MEDIA_E_UNREADABLE;
  }
  if (st.st_size > VB_MEDIA_MAX_BYTES) {
    close(fd);
    return VB_MEDIA_E_SIZE;
  }
  if (st.st_size == 0) {
    close(fd);
    return VB_MEDIA_E_EMPTY;
  }
  size_t want = (size_t)st.st_size;
  unsigned char *b = malloc(want + 1);
  size_t got = 0;
  while (b && got <= want) {
    ssize_t r = read(fd, b + got, want + 1 - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += (size_t)r;
  }
  close(fd);
  /* A file that grew while being read is over what was checked. */
  if (!b || got > want || got == 0) {
    free(b);
    return !b || got == 0 ? VB_MEDIA_E_UNREADABLE : VB_MEDIA_E_SIZE;
  }
  *bytes = b;
  *len = got;
  return VB_MEDIA_OK;
}
