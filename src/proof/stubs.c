/* Rule families not written yet. */
#include "proof/proof.h"
void proof_prose_ratio(vb_proof *p) { (void)p; }
void proof_prose_sum(vb_proof *p) { (void)p; }
void proof_prose_same(vb_proof *p) { (void)p; }
void proof_prose_format(vb_proof *p) { (void)p; }
void proof_names(vb_proof *p) { (void)p; }
void proof_tone(vb_proof *p) { (void)p; }
void proof_numbering(vb_proof *p) { (void)p; }
void proof_appendix_refs(vb_proof *p) { (void)p; }
void proof_doclist(vb_proof *p) { (void)p; }
void proof_rows(vb_proof *p) { (void)p; }
void proof_form_data(vb_proof *p) { (void)p; }
vb_doc *proof_data_view(const vb_value *input, const char *name) {
  (void)input;
  (void)name;
  return 0;
}
