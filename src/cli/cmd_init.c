/* vanban init --from SHEET [--sheet NAME] [--loai bao-cao|thong-bao] [-o DATA.json]
 *
 * A new user's first data file, written from the workbook they already keep
 * (vb_init_from_sheet): the BÁO CÁO skeleton, its indicator table and lists
 * of documents as "source" references to the sheets and as appendices; or
 * the THÔNG BÁO skeleton from a score sheet. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: vanban init --from SHEET.(xlsx|ods|fods|csv) [--sheet NAME] [--loai "
    "bao-cao|thong-bao]\n"
    "                   [-o DATA.json] [--force]\n"
    "\n"
    "Write a starting data file (a BÁO CÁO) from a workbook: each sheet holding an indicator\n"
    "table (TT, Tên chỉ tiêu / Nội dung, Đơn vị tính, Chỉ tiêu giao, Kết quả, Đánh giá, Khó\n"
    "khăn, vướng mắc, …) or a list of documents (STT, Tên văn bản / Trích yếu, Số, ký hiệu,\n"
    "Ngày ban hành, …) is recognised by its headers and becomes an appendix in the sheet's\n"
    "shape; the file refers to the sheets, so later changes to them are picked up by every\n"
    "render. Each column is reported with the field it was read as (KH năm 2025 → muc_tieu,\n"
    "TH quý III → ket_qua, Tỷ lệ checked against the figures, Ghi chú → ghi_chu) or why it\n"
    "was left out and the line of \"cot\" to add. Every cell that cannot be read is named\n"
    "(a cell the spreadsheet turned into a date says so) and nothing is written. Fill in\n"
    "the \"…\" fields of van_ban: until then `vanban check` lists each as an error\n"
    "(du-lieu.cho-trong) and `vanban render` refuses the file; `vanban render --nhap`\n"
    "renders it as a draft marked \"DỰ THẢO\". See docs/spreadsheets.md.\n"
    "\n"
    "A workbook whose sheet is a score sheet (STT, Chỉ số / Tiêu chí thành phần, Điểm tối đa,\n"
    "Điểm đạt được / thẩm định / tự chấm, Đơn vị chịu trách nhiệm, Thời hạn, Ghi chú; indices\n"
    "numbered 1, 2 or I, II and their sub-criteria 1.1, 1.2 or 1, 2) makes a THÔNG BÁO kết\n"
    "luận instead: the sheet as \"bang_diem\" and the annex assigning each sub-criterion below\n"
    "its maximum to its unit, with its note. Scores that are not numbers, above their maximum\n"
    "or negative are named by their cell.\n"
    "\n"
    "Options:\n"
    "  --from FILE      the spreadsheet\n"
    "  --sheet NAME     only this sheet (default: every sheet)\n"
    "  --loai KIND      bao-cao or thong-bao: needed when the workbook holds both an indicator\n"
    "                   table or list of documents and a score sheet (default: thong-bao when\n"
    "                   a sheet is a score sheet, else bao-cao)\n"
    "  -o, --output F   where to write the data file (default: standard output)\n"
    "  --force          overwrite an existing output file\n";

int cmd_init(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  const char *from = NULL, *sheet_name = NULL, *out = NULL;
  int force = 0;
  unsigned kind = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--from") && i + 1 < argc)
      from = argv[++i];
    else if (!strcmp(argv[i], "--sheet") && i + 1 < argc)
      sheet_name = argv[++i];
    else if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc)
      out = argv[++i];
    else if (!strcmp(argv[i], "--loai") && i + 1 < argc) {
      const char *k = argv[++i];
      if (!strcmp(k, "bao-cao"))
        kind = VB_INIT_BAO_CAO;
      else if (!strcmp(k, "thong-bao"))
        kind = VB_INIT_THONG_BAO;
      else
        return cli_usage_error("init", "usage.value",
                               "--loai là bao-cao hoặc thong-bao, không phải '%s'", k);
    } else if (!strcmp(argv[i], "--force"))
      force = 1;
    else if (argv[i][0] == '-')
      return cli_unknown_option("init", argv[i], help);
    else
      return cli_usage_error("init", "usage.argument", "đối số thừa '%s': bảng tính đi sau --from",
                             argv[i]);
  }
  if (!from) return cli_usage_error("init", "usage.argument", "thiếu --from BẢNG_TÍNH");
  if (out && !force && access(out, F_OK) == 0)
    return cli_usage_error("init", "usage.output-exists", "%s đã có; dùng --force để ghi đè", out);
  vb_diags *d = vb_diags_new();
  char *json = NULL, *summary = NULL;
  int status = (int)vb_init_from_sheet(from, sheet_name, out, (out ? VB_INIT_WRITE : 0) | kind,
                                       &json, &summary, d);
  if (status != VB_OK) {
    /* A cell that cannot be read, or a table the model refuses: nothing was
     * written. What was recognised first, so the columns can be checked. */
    if (summary) fprintf(stderr, "vanban: %s", summary);
    status = cli_report(d);
    if (status == VB_OK) status = VB_EDATA;
    fprintf(stderr, "vanban: init: chưa ghi gì; sửa bảng tính (các ô nêu ở trên) rồi chạy lại\n");
  } else {
    if (!out) fputs(json, stdout);
    status = cli_report(d); /* warnings */
    fprintf(stderr, "vanban: %s", summary);
    if (out) fprintf(stderr, "vanban: đã ghi %s; điền các trường \"…\" của van_ban\n", out);
    if (!out)
      fprintf(stderr, "vanban: tệp dữ liệu đã in ra đầu ra chuẩn (không có -o); ghi nó vào "
                      "một tệp bằng -o DỮ_LIỆU.json\n");
  }
  free(json);
  free(summary);
  vb_diags_free(d);
  return status;
}
