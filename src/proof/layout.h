/* Finding the elements of an ND30 document in a view: the header block
 * (agency, Quốc hiệu, Tiêu ngữ, Số, place and date), the document type and
 * summary, Kính gửi, the body, Nơi nhận, the signature block and the
 * appendices. Found by their text, wherever a person typed them: table
 * cells, tab-separated lines, line breaks, frames. The form rules check
 * what is found here; what is not found is not guessed. */
#ifndef VB_PROOF_LAYOUT_H
#define VB_PROOF_LAYOUT_H
#include "proof/proof.h"

/* A piece of a paragraph (text between line breaks and tab runs). */
typedef struct proof_ref {
  long para; /* -1: none */
  size_t off, len;
} proof_ref;

typedef struct proof_appendix {
  proof_ref heading; /* "Phụ lục I" */
  long title_first, title_last;
  proof_ref kem_theo; /* "(Kèm theo …)" */
  const char *number; /* as written after "Phụ lục" ("I", "02"), "" when none */
  int value;          /* its value (Roman or Arabic), 0 when none */
} proof_appendix;

#define PROOF_MAX_AGENCY 6
#define PROOF_MAX_SIG 12
#define PROOF_MAX_NN 64
#define PROOF_MAX_APP 32

struct proof_layout {
  int nd30; /* Quốc hiệu or a document type was found */
  proof_ref qh, tn;
  proof_ref agency[PROOF_MAX_AGENCY];
  int nagency, issuer_from; /* agency[issuer_from ..] name the issuing body */
  proof_ref so, date;
  long ten_loai;
  const char *type_code; /* "BC" for BÁO CÁO …, NULL when unknown */
  long trich_first, trich_last;
  long kinh_gui;
  long body_first, body_last; /* the content, inclusive; -1 when none */
  proof_ref nn_label;
  proof_ref nn[PROOF_MAX_NN];
  int nnn;
  proof_ref sig[PROOF_MAX_SIG]; /* the signature block's lines, name last */
  int nsig;
  long closing_first; /* first paragraph of the closing block, or -1 */
  long main_end;      /* one past the main document (the first appendix heading) */
  proof_appendix app[PROOF_MAX_APP];
  int napp;
  int doc_y, doc_m, doc_d; /* the document's date (0: blank or unknown) */
  const char *place;       /* the place name of the date line, or NULL */
};

/* The layout of p->doc (found once, then cached in p). */
proof_layout *proof_layout_get(vb_proof *p);

/* Known document types (ND30 Phụ lục III): the code of a type name
 * ("BÁO CÁO" → "BC"), or NULL. */
const char *proof_type_code(const char *name, size_t n);

/* The value of a Roman numeral (I … XXXIX) or of digits; 0 when s is
 * neither. */
int proof_number_value(const char *s, size_t n);

#endif
