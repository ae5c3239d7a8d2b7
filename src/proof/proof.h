/* Proofreading: rules that read a format-free document view (fmt/doc.h)
 * and report findings. One file per rule family:
 *   form_*.c    — the layout of Nghị định 30/2020 (page, header block,
 *                 title, body, closing block, appendices, page numbers)
 *   prose_*.c   — numbers in prose (a fraction and its percentage, shares
 *                 over 100%, parts that do not add up, one quantity stated
 *                 twice, Vietnamese number forms)
 *   names.c, tone.c, numbering.c, appendix_refs.c, doclist.c, rows.c —
 *                 consistency of names, tone marks, heading numbers,
 *                 appendices and their citations, document lists, rows
 *   data_view.c, form_data.c — the same checks on a data file.
 * Rules know nothing of XML; the view says what they need. */
#ifndef VB_PROOF_PROOF_H
#define VB_PROOF_PROOF_H
#include <stddef.h>

#include "data/value.h"
#include "fmt/doc.h"
#include "util/arena.h"
#include "vanban.h"

typedef struct proof_layout proof_layout;
struct pn_num;

/* One finding, as the rules report it; places are made at the end. */
typedef struct proof_finding {
  const char *rule;
  vb_level level;
  long para;       /* index into doc->paras, or -1 */
  size_t off, len; /* the text concerned in that paragraph (len 0: the paragraph) */
  int section;     /* 0-based section the finding is about (page rules), or -1 */
  const char *message, *expected, *excerpt;
  int count;
  long seq; /* order of reporting, for a stable sort */
} proof_finding;

typedef struct vb_proof {
  vb_doc *doc;
  vb_arena *a; /* findings' strings */
  const char *const *ignore;
  const char **ignore_data; /* from the data's "_vanban_ignore", NULL-terminated */
  int on_data;              /* the view was made from a data file */
  const vb_value *data;     /* that data (input tree), or NULL */
  proof_finding *f;
  size_t n, cap;
  proof_layout *layout;
  struct pn_num **nums; /* each body paragraph's numbers, read once (proof_numbers) */
  size_t *nnums;
} vb_proof;

/* A rule of the registry (rules.c). */
typedef struct proof_rule {
  vb_rule_info info;
} proof_rule;

const proof_rule *proof_rules(size_t *n);
const proof_rule *proof_rule_find(const char *id);

/* Run every rule that applies on doc (p->doc). */
void proof_run(vb_proof *p);
/* Release what a run allocated (findings, caches; not doc or the arena). */
void proof_free(vb_proof *p);
/* The numbers of body paragraph `para` (proof/numbers.h), read on first use
 * and kept for the other rules. */
const struct pn_num *proof_numbers(vb_proof *p, size_t para, size_t *n);
/* 1 when the rule is on (not ignored by the options or the data). */
int proof_on(const vb_proof *p, const char *rule);

/* Report a finding of `rule` at its registered level. para: index into
 * doc->paras or -1; [off, off+len) the text concerned (len 0 for the whole
 * paragraph). expected may be NULL. Returns the finding (to adjust its
 * level, section or count), or NULL when the rule is off. */
proof_finding *proof_report(vb_proof *p, const char *rule, long para, size_t off, size_t len,
                            const char *expected, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* printf into the findings' arena */
const char *proof_printf(vb_proof *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The rule families. */
void proof_form(vb_proof *p); /* all of the form_*.c below */
void proof_form_page(vb_proof *p);
void proof_form_header(vb_proof *p);
void proof_form_text(vb_proof *p);
void proof_form_closing(vb_proof *p);
void proof_form_appendix(vb_proof *p);
void proof_prose_ratio(vb_proof *p);
void proof_prose_sum(vb_proof *p);
void proof_prose_same(vb_proof *p);
void proof_prose_assess(vb_proof *p);
void proof_prose_format(vb_proof *p);
void proof_names(vb_proof *p);
void proof_tone(vb_proof *p);
void proof_numbering(vb_proof *p);
void proof_appendix_refs(vb_proof *p);
void proof_doclist(vb_proof *p);
void proof_rows(vb_proof *p);
/* Data files: the form rules the data decides (form_data.c). */
void proof_form_data(vb_proof *p);

/* A view of a data file's prose: one paragraph per string of the body
 * (with its JSON path and line:column), in document order (data_view.c).
 * NULL when the data is not a vanban document. */
vb_doc *proof_data_view(const vb_value *input, const char *name);

/* The place of a finding for a person (place.c), e.g. "đoạn 47 (Đến thời
 * điểm hiện tại có…)". */
const char *proof_place(vb_proof *p, const proof_finding *f);

#endif
