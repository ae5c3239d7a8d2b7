/* Parts compressed as they are produced: see deflate.h for the method. */
#include "pkg/deflate.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "util/buf.h"

enum { MAX_WORKERS = 4, NSLOTS = 2 * MAX_WORKERS, POOL_SIZE = 8 };

/* ---- one-shot compression through libdeflate -------------------------------- */

/* A libdeflate compressor sets up its tables when allocated, which costs as
 * much as compressing a small part: finished ones are kept for the next
 * document (any thread) instead of being freed. */
static pthread_mutex_t pool_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
  struct libdeflate_compressor *c;
  int level;
} pool[POOL_SIZE];
static int pool_len;

static struct libdeflate_compressor *compressor_get(int level) {
  struct libdeflate_compressor *c = NULL;
  pthread_mutex_lock(&pool_mu);
  for (int i = pool_len; i-- > 0;)
    if (pool[i].level == level) {
      c = pool[i].c;
      pool[i] = pool[--pool_len];
      break;
    }
  pthread_mutex_unlock(&pool_mu);
  return c ? c : libdeflate_alloc_compressor(level);
}

static void compressor_put(struct libdeflate_compressor *c, int level) {
  pthread_mutex_lock(&pool_mu);
  if (pool_len < POOL_SIZE) {
    pool[pool_len].c = c;
    pool[pool_len].level = level;
    pool_len++;
    c = NULL;
  }
  pthread_mutex_unlock(&pool_mu);
  if (c) libdeflate_free_compressor(c);
}

int vb_deflate_buffer(const void *data, size_t len, int level, vb_deflated *out) {
  memset(out, 0, sizeof(*out));
  struct libdeflate_compressor *c = compressor_get(level);
  if (!c) return -1;
  size_t cap = libdeflate_deflate_compress_bound(c, len);
  out->data = vb_xmalloc(cap);
  out->len = libdeflate_deflate_compress(c, data, len, out->data, cap);
  compressor_put(c, level);
  if (out->len == 0) { /* cannot happen with the bound; never write a broken entry */
    free(out->data);
    out->data = NULL;
    return -1;
  }
  out->size = len;
  out->crc = (uint32_t)libdeflate_crc32(0, data, len);
  return 0;
}

/* ---- pieces on worker threads ------------------------------------------------ */

typedef enum { SLOT_FREE, SLOT_QUEUED, SLOT_BUSY, SLOT_DONE } slot_state;

typedef struct slot {
  unsigned char *in, *out;
  size_t in_len, out_len, out_cap;
  int failed;
  slot_state state;
} slot;

struct vb_deflater {
  int level;
  uint32_t crc;
  unsigned long long size;
  slot slots[NSLOTS];
  size_t cur;     /* the slot being filled */
  size_t oldest;  /* the oldest submitted slot not yet collected */
  size_t pending; /* submitted and not yet collected */
  int chunked;    /* a piece went to the workers: the part is compressed in pieces */
  int failed;
  vb_buf result; /* collected compressed pieces, in order */
  pthread_t threads[MAX_WORKERS];
  int nthreads;
  int stop;
  pthread_mutex_t mu;
  pthread_cond_t work, done;
};

/* Compress one piece: its own raw deflate stream, ended by a sync flush so
 * that the next piece can follow it. */
static int deflate_piece(z_stream *zs, slot *s) {
  if (deflateReset(zs) != Z_OK) return -1;
  zs->next_in = s->in;
  zs->avail_in = (uInt)s->in_len;
  zs->next_out = s->out;
  zs->avail_out = (uInt)s->out_cap;
  int r = deflate(zs, Z_SYNC_FLUSH);
  /* With room to spare the whole piece goes in and the flush completes; no
   * room left would mean the flush may be cut short. */
  if (r != Z_OK || zs->avail_in != 0 || zs->avail_out == 0) return -1;
  s->out_len = s->out_cap - zs->avail_out;
  return 0;
}

/* A zlib stream for pieces: raw deflate (the zip entry has no zlib header). */
static int piece_stream_init(z_stream *zs, int level) {
  memset(zs, 0, sizeof(*zs));
  return deflateInit2(zs, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
}

static void *worker(void *arg) {
  vb_deflater *z = arg;
  z_stream zs;
  int ok = piece_stream_init(&zs, z->level);
  pthread_mutex_lock(&z->mu);
  for (;;) {
    slot *s = NULL;
    /* The oldest queued piece first, so pieces are finished in order. */
    for (size_t k = 0; k < NSLOTS && !s; k++) {
      slot *c = &z->slots[(z->oldest + k) % NSLOTS];
      if (c->state == SLOT_QUEUED) s = c;
    }
    if (!s) {
      if (z->stop) break;
      pthread_cond_wait(&z->work, &z->mu);
      continue;
    }
    s->state = SLOT_BUSY;
    pthread_mutex_unlock(&z->mu);
    s->failed = !ok || deflate_piece(&zs, s) != 0;
    pthread_mutex_lock(&z->mu);
    s->state = SLOT_DONE;
    pthread_cond_broadcast(&z->done);
  }
  pthread_mutex_unlock(&z->mu);
  if (ok) deflateEnd(&zs);
  return NULL;
}

vb_deflater *vb_deflater_new(int level) {
  vb_deflater *z = vb_xcalloc(1, sizeof(*z));
  z->level = level >= 1 && level <= 9 ? level : 6;
  pthread_mutex_init(&z->mu, NULL);
  pthread_cond_init(&z->work, NULL);
  pthread_cond_init(&z->done, NULL);
  return z;
}

static void start_workers(vb_deflater *z) {
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  int n = ncpu < 1 ? 1 : ncpu > MAX_WORKERS ? MAX_WORKERS : (int)ncpu;
  for (int i = 0; i < n; i++)
    if (pthread_create(&z->threads[z->nthreads], NULL, worker, z) == 0) z->nthreads++;
}

/* Wait for the oldest submitted piece and append it to the result. */
static void collect_oldest(vb_deflater *z) {
  slot *s = &z->slots[z->oldest];
  pthread_mutex_lock(&z->mu);
  while (s->state != SLOT_DONE)
    pthread_cond_wait(&z->done, &z->mu);
  pthread_mutex_unlock(&z->mu);
  /* Done: no worker touches this slot again until it is queued anew. */
  if (s->failed) z->failed = 1;
  vb_buf_put(&z->result, s->out, s->out_len);
  s->in_len = 0;
  pthread_mutex_lock(&z->mu); /* workers read the states and `oldest` */
  s->state = SLOT_FREE;
  z->oldest = (z->oldest + 1) % NSLOTS;
  pthread_mutex_unlock(&z->mu);
  z->pending--;
}

/* Hand the slot being filled to the workers and move to the next one. */
static void submit(vb_deflater *z) {
  if (!z->chunked) {
    z->chunked = 1;
    start_workers(z);
  }
  slot *s = &z->slots[z->cur];
  if (!s->out) {
    s->out_cap = compressBound(VB_DEFLATE_CHUNK) + 64;
    s->out = vb_xmalloc(s->out_cap);
  }
  if (z->nthreads == 0) { /* no thread could be started: do it here */
    z_stream zs;
    int ok = piece_stream_init(&zs, z->level);
    s->failed = !ok || deflate_piece(&zs, s) != 0;
    if (ok) deflateEnd(&zs);
    s->state = SLOT_DONE;
  } else {
    pthread_mutex_lock(&z->mu);
    s->state = SLOT_QUEUED;
    pthread_cond_signal(&z->work);
    pthread_mutex_unlock(&z->mu);
  }
  z->pending++;
  z->cur = (z->cur + 1) % NSLOTS;
  while (z->pending == NSLOTS)
    collect_oldest(z);
}

void vb_deflater_write(vb_deflater *z, const void *data, size_t len) {
  const unsigned char *p = data;
  z->crc = (uint32_t)libdeflate_crc32(z->crc, data, len);
  z->size += len;
  while (len > 0) {
    slot *s = &z->slots[z->cur];
    /* A full piece is submitted only once more bytes come: a part of exactly
     * one piece stays a one-shot compression. */
    if (s->in_len == VB_DEFLATE_CHUNK) {
      submit(z);
      s = &z->slots[z->cur];
    }
    if (!s->in) s->in = vb_xmalloc(VB_DEFLATE_CHUNK);
    size_t n = VB_DEFLATE_CHUNK - s->in_len;
    if (n > len) n = len;
    memcpy(s->in + s->in_len, p, n);
    s->in_len += n;
    p += n;
    len -= n;
  }
}

static void stop_workers(vb_deflater *z) {
  pthread_mutex_lock(&z->mu);
  z->stop = 1;
  pthread_cond_broadcast(&z->work);
  pthread_mutex_unlock(&z->mu);
  for (int i = 0; i < z->nthreads; i++)
    pthread_join(z->threads[i], NULL);
  z->nthreads = 0;
}

int vb_deflater_finish(vb_deflater *z, vb_deflated *out) {
  memset(out, 0, sizeof(*out));
  slot *s = &z->slots[z->cur];
  if (!z->chunked) {
    int rc = vb_deflate_buffer(s->in ? s->in : (const unsigned char *)"", s->in_len, z->level, out);
    s->in_len = 0;
    return rc;
  }
  if (s->in_len > 0) submit(z);
  while (z->pending > 0)
    collect_oldest(z);
  stop_workers(z);
  /* The final block: fixed Huffman codes, no symbols but end-of-block. */
  static const unsigned char final_block[2] = {0x03, 0x00};
  vb_buf_put(&z->result, final_block, sizeof final_block);
  if (z->failed) return -1;
  out->data = (unsigned char *)vb_buf_detach(&z->result, &out->len);
  out->size = z->size;
  out->crc = z->crc;
  return 0;
}

void vb_deflater_free(vb_deflater *z) {
  if (!z) return;
  if (z->nthreads) { /* finish was not called: drain what is in flight */
    while (z->pending > 0)
      collect_oldest(z);
    stop_workers(z);
  }
  for (size_t i = 0; i < NSLOTS; i++) {
    free(z->slots[i].in);
    free(z->slots[i].out);
  }
  vb_buf_free(&z->result);
  pthread_mutex_destroy(&z->mu);
  pthread_cond_destroy(&z->work);
  pthread_cond_destroy(&z->done);
  free(z);
}
