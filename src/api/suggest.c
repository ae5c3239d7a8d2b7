/* vb_suggest: the "có phải là …?" of every message, for the CLI too. */
#include "vanban.h"
#include "vi/vi.h"

const char *vb_suggest(const char *word, const char *const *known) {
  return vi_suggest(word, known);
}
