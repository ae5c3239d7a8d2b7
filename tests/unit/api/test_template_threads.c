/* One compiled template rendered by several threads at once gives, on every
 * thread and every time, the bytes a lone render gives: a vb_template is
 * immutable once compiled (the parts it copies untouched are read from the
 * package once and shared, see src/pkg). Run under AddressSanitizer by the
 * test command, and under ThreadSanitizer by its TSan stage. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "vanban.h"

enum { THREADS = 4, ROUNDS = 3 };

typedef struct job {
  const vb_template *t;
  const vb_data *data;
  unsigned flags;
  const void *want;
  size_t want_len;
  int same, failed;
} job;

static void *render_rounds(void *arg) {
  job *j = arg;
  vb_diags *d = vb_diags_new();
  for (int r = 0; r < ROUNDS; r++) {
    void *out = NULL;
    size_t len = 0;
    if (vb_render_memory(j->t, j->data, j->flags, &out, &len, d) != VB_OK)
      j->failed++;
    else if (len == j->want_len && memcmp(out, j->want, len) == 0)
      j->same++;
    free(out);
  }
  vb_diags_free(d);
  return NULL;
}

static void check_shared(vb_format_kind fmt, const char *data_path, unsigned flags) {
  vb_diags *d = vb_diags_new();
  vb_template *t = vb_template_open_shipped("bao-cao", fmt, 0, d);
  vb_data *data = vb_data_load_file(data_path, 0, d);
  CHECK(t != NULL);
  CHECK(data != NULL);
  if (!t || !data) {
    for (size_t i = 0; i < vb_diags_count(d); i++)
      fprintf(stderr, "%s\n", vb_diag_text(vb_diags_get(d, i)));
    goto out;
  }
  void *want = NULL;
  size_t want_len = 0;
  CHECK(vb_render_memory(t, data, flags, &want, &want_len, d) == VB_OK);
  job jobs[THREADS];
  pthread_t th[THREADS];
  for (int k = 0; k < THREADS; k++) {
    jobs[k] = (job){t, data, flags, want, want_len, 0, 0};
    CHECK(pthread_create(&th[k], NULL, render_rounds, &jobs[k]) == 0);
  }
  for (int k = 0; k < THREADS; k++) {
    pthread_join(th[k], NULL);
    CHECK(jobs[k].failed == 0);
    CHECK(jobs[k].same == ROUNDS);
  }
  /* And the template is still whole afterwards. */
  void *again = NULL;
  size_t again_len = 0;
  CHECK(vb_render_memory(t, data, flags, &again, &again_len, d) == VB_OK);
  CHECK(again_len == want_len && want && again && memcmp(again, want, want_len) == 0);
  free(again);
  free(want);
out:
  vb_data_free(data);
  vb_template_free(t);
  vb_diags_free(d);
}

int main(void) {
  const char *data = VB_SOURCE_DIR "/samples/bc-xa-ha-tan-6thang-2024.json";
  check_shared(VB_FORMAT_DOCX, data, 0);
  check_shared(VB_FORMAT_ODT, data, 0);
  check_shared(VB_FORMAT_DOCX, data, VB_RENDER_NO_MARKS);
  TEST_MAIN_END();
}
