/* What the form rules (form_*.c) share: checking the properties of an
 * element against the ranges Nghị định 30 sets, with one message form. */
#ifndef VB_PROOF_FORM_H
#define VB_PROOF_FORM_H
#include "proof/layout.h"
#include "proof/proof.h"

/* A size in half points as a person writes it: 26 → "13", 27 → "13,5". */
const char *form_size(vb_proof *p, int half_points);
/* A length in twips as millimetres with one decimal: 1134 → "20,0". */
const char *form_mm(vb_proof *p, int twips);
/* The text properties of a piece. */
void form_props(vb_proof *p, proof_ref r, vb_doc_props *out);
/* Each reports under `rule` when the piece `what` (e.g. "Quốc hiệu") is
 * outside [lo, hi] half points / not bold / not italic …; returns 1 when
 * it reported. Pieces without visible text or without a known size pass. */
int form_size_in(vb_proof *p, const char *rule, proof_ref r, const char *what, int lo, int hi);
int form_bold(vb_proof *p, const char *rule, proof_ref r, const char *what, int want);
int form_italic(vb_proof *p, const char *rule, proof_ref r, const char *what, int want);
int form_upper(vb_proof *p, const char *rule, proof_ref r, const char *what);
int form_centered(vb_proof *p, const char *rule, proof_ref r, const char *what);
/* The findings reported since p->n was `from` that say the same thing of
 * the lines of one element (one rule, one message: the two lines of an
 * agency name not bold) become one, at the first line, with the count. */
void form_merge_same(vb_proof *p, size_t from);

#endif
