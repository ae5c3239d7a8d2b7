/* vb_init_from_sheet: the data file it writes refers to the sheets by a path
 * relative to itself, is a BÁO CÁO the library loads (the indicators and the
 * documents read from the sheets), and says what it recognised; no table, a
 * cell that cannot be read, or an indicator left without the assessment its
 * table prints: no file. With VB_INIT_INLINE it holds the rows instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "vanban.h"

static char dir[] = "/tmp/vb-init-test.XXXXXX";

int main(void) {
  if (!mkdtemp(dir)) return 1;
  const char *xlsx = VB_SOURCE_DIR "/samples/bc-xa-ha-tan-6thang-2024-chi-tieu.xlsx";
  /* The sheet next to the data file, as a user keeps them. */
  char sheet[600], data_path[600], cmd[1400];
  snprintf(sheet, sizeof sheet, "%s/chi-tieu.xlsx", dir);
  snprintf(cmd, sizeof cmd, "cp '%s' '%s' && mkdir '%s/bao-cao'", xlsx, sheet, dir);
  CHECK(system(cmd) == 0);
  snprintf(data_path, sizeof data_path, "%s/bao-cao/bc.json", dir);

  vb_diags *d = vb_diags_new();
  char *json = NULL, *summary = NULL;
  CHECK(vb_init_from_sheet(sheet, NULL, data_path, VB_INIT_WRITE, &json, &summary, d) == VB_OK);
  CHECK_CONTAINS(json, "\"loai\": \"bao-cao\"");
  CHECK_CONTAINS(json, "\"source\": \"../chi-tieu.xlsx#Chỉ tiêu\"");
  CHECK_CONTAINS(summary, "trang \"Chỉ tiêu\": bảng chỉ tiêu, dòng tiêu đề 3");
  CHECK_CONTAINS(summary,
                 "trang \"Phụ lục\": danh mục văn bản, dòng tiêu đề 1, 22 văn bản trong 5 nhóm");
  CHECK_CONTAINS(json, "\"source\": \"../chi-tieu.xlsx#Phụ lục\"");
  CHECK_CONTAINS(json, "@phu_luc:chi-tieu");
  CHECK_CONTAINS(summary, "cột B \"Tên chỉ tiêu\" → ten: tên chỉ tiêu");
  CHECK(access(data_path, F_OK) == 0);
  /* What was written is a vanban document with blanks to fill ("…"): it
   * does not load for signing (each blank an error, at its JSON path), and
   * loads as a draft, the indicators read from the sheet. */
  vb_data *data = vb_data_load_file(data_path, 0, d);
  CHECK(data == NULL);
  size_t blanks = 0;
  for (size_t i = 0; i < vb_diags_count(d); i++) {
    const vb_diag *g = vb_diags_get(d, i);
    if (g->rule && !strcmp(g->rule, "du-lieu.cho-trong") && g->severity == VB_SEV_ERROR) blanks++;
  }
  CHECK(blanks >= 5);
  vb_diags_clear(d);
  data = vb_data_load_file(data_path, VB_DATA_DRAFT, d);
  CHECK(data != NULL);
  CHECK(data && !strcmp(vb_data_template_name(data), "bao-cao"));
  CHECK(vb_diags_errors(d) == 0);
  vb_data_free(data);
  free(json);
  free(summary);

  /* Without data_path the path is relative to the current directory; nothing
   * is written without VB_INIT_WRITE. */
  CHECK(vb_init_from_sheet(sheet, "Chỉ tiêu", NULL, 0, &json, NULL, d) == VB_OK);
  CHECK(json && strstr(json, "chi-tieu.xlsx#Chỉ tiêu\""));
  free(json);

  /* VB_INIT_INLINE: the rows themselves instead of the reference, a file
   * that loads from memory (no sheet beside it) with the same indicators as
   * the sheet gives. */
  CHECK(vb_init_from_sheet(sheet, NULL, NULL, VB_INIT_INLINE, &json, NULL, d) == VB_OK);
  CHECK(json && !strstr(json, "\"source\""));
  CHECK_CONTAINS(json, "\"nhom_chi_tieu\":[{\"ma\":\"1\",");
  CHECK_CONTAINS(json, "\"ten\":\"Chính quyền số\"");
  CHECK_CONTAINS(json, "\"phu_luc\":[{\"id\":\"chi-tieu\"");
  CHECK_CONTAINS(json, "\"ma\":\"3.5\"");
  CHECK_CONTAINS(json, "\"ket_qua\":{\"tu\":4956,\"mau\":5022}");
  vb_diags_clear(d);
  /* As a draft: its blanks "…" are still to fill. */
  data = json ? vb_data_load_memory(json, strlen(json), "inline.json", VB_DATA_DRAFT, d) : NULL;
  CHECK(data != NULL);
  CHECK(vb_diags_errors(d) == 0);
  vb_data_free(data);
  free(json);

  vb_diags_clear(d);
  char missing[600];
  snprintf(missing, sizeof missing, "%s/khong-co.xlsx", dir);
  CHECK(vb_init_from_sheet(missing, NULL, NULL, 0, &json, &summary, d) == VB_EIO);
  CHECK(json == NULL && summary == NULL && vb_diags_errors(d) == 1);
  CHECK(vb_init_from_sheet(sheet, "Không có", NULL, 0, &json, NULL, d) != VB_OK);
  CHECK(json == NULL);

  /* A sheet with a cell that is no figure, and one whose text result has no
   * assessment under a Đánh giá column: refused, the cell or row named,
   * nothing written. */
  vb_diags_clear(d);
  char csv[600], out[600];
  snprintf(csv, sizeof csv, "%s/hong.csv", dir);
  snprintf(out, sizeof out, "%s/hong.json", dir);
  FILE *f = fopen(csv, "w");
  fputs("TT,Nội dung,Chỉ tiêu giao,Kết quả,Đánh giá\nI,Nhóm\n1,A,≥ 80%,2.33.5,\n", f);
  fclose(f);
  CHECK(vb_init_from_sheet(csv, NULL, out, VB_INIT_WRITE, &json, &summary, d) == VB_EDATA);
  CHECK(json == NULL && access(out, F_OK) != 0);
  /* The column report is given also when init fails: it says why. */
  CHECK(summary != NULL && strstr(summary, "Kết quả") != NULL);
  free(summary), summary = NULL;
  CHECK(vb_diags_count(d) > 0 && strstr(vb_diag_text(vb_diags_get(d, 0)), "hong!D3") != NULL);
  vb_diags_clear(d);
  f = fopen(csv, "w");
  fputs("TT,Nội dung,Chỉ tiêu giao,Kết quả,Đánh giá\nI,Nhóm\n1,A,Triển khai,Đã triển khai,\n", f);
  fclose(f);
  CHECK(vb_init_from_sheet(csv, NULL, out, VB_INIT_WRITE, &json, &summary, d) == VB_EDATA);
  CHECK(json == NULL && access(out, F_OK) != 0);
  /* The column report is given also when init fails: it says why. */
  CHECK(summary != NULL && strstr(summary, "Kết quả") != NULL);
  free(summary), summary = NULL;
  CHECK(vb_diags_count(d) > 0 && strstr(vb_diag_text(vb_diags_get(d, 0)), "(hong!A3:E3)") != NULL);
  vb_diags_free(d);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK(system(cmd) == 0);
  TEST_MAIN_END();
}
