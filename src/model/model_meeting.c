/* THÔNG BÁO kết luận: the opening paragraph written from the meeting facts
 * (cuoc_hop), put in front of the data's own mo_dau. */
#include <string.h>

#include "model/model_internal.h"
#include "vi/vi.h"

static const char *const meeting_keys[] = {"ngay",       "buoi",    "ten",       "chu_tri",
                                           "thanh_phan", "co_quan", "dien_bien", NULL};
static const char *const chair_keys[] = {"ho_ten", "chuc_vu", NULL};

/* s without trailing dots and blanks. */
static const char *no_period(vb_model *m, const char *s) {
  char *t = mdl_trim(m, s);
  size_t n = strlen(t);
  while (n > 0 && t[n - 1] == '.')
    t[--n] = '\0';
  return t;
}

static int starts_with_ci(vb_model *m, const char *s, const char *prefix) {
  vb_buf b = VB_BUF_INIT;
  vi_lower(&b, s);
  int yes = strncmp(vb_buf_cstr(&b), prefix, strlen(prefix)) == 0;
  vb_buf_free(&b);
  return yes;
}

void mdl_meeting(vb_model *m) {
  const char *path = "$.cuoc_hop";
  vb_value *mt = mdl_opt_obj(m, m->root, "$", "cuoc_hop");
  if (!mt) return;
  mdl_check_keys(m, mt, path, meeting_keys);
  if (!m->thong_bao) {
    mdl_report(m, "du-lieu.bo-qua", path, mt, "bỏ cuoc_hop, hoặc đổi loai thành \"thong-bao\"",
               "cuoc_hop chỉ dùng cho THÔNG BÁO; phần này bị bỏ qua");
    return;
  }

  const char *ngay = mdl_date_text(m, vb_obj_get(mt, "ngay"), mdl_key(m, path, "ngay"));
  const char *ten = mdl_req_str(m, mt, path, "ten");
  vb_value *chair = mdl_opt_obj(m, mt, path, "chu_tri");
  const char *cpath = mdl_key(m, path, "chu_tri");
  if (!chair && !vb_obj_get(mt, "chu_tri"))
    mdl_report(m, "du-lieu.thieu-truong", cpath, mt,
               "thêm \"chu_tri\": {\"ho_ten\": \"…\", \"chuc_vu\": \"…\"}",
               "thiếu người chủ trì (chu_tri)");
  const char *ho_ten = NULL, *chuc_vu = NULL;
  if (chair) {
    mdl_check_keys(m, chair, cpath, chair_keys);
    ho_ten = mdl_req_str(m, chair, cpath, "ho_ten");
    chuc_vu = mdl_opt_str(m, chair, cpath, "chuc_vu");
  }
  if (!ngay || !ten || !ho_ten) return;
  const char *buoi = mdl_opt_str(m, mt, path, "buoi");
  const char *co_quan = mdl_opt_str(m, mt, path, "co_quan");
  const char *thanh_phan = mdl_opt_str(m, mt, path, "thanh_phan");
  const char *dien_bien = mdl_opt_str(m, mt, path, "dien_bien");

  const char *who = mdl_blank(chuc_vu) ? mdl_printf(m, "Đồng chí %s", mdl_trim(m, ho_ten))
                                       : mdl_printf(m, "Đồng chí %s – %s", mdl_trim(m, ho_ten),
                                                    mdl_places(m, no_period(m, chuc_vu)));
  vb_buf p = VB_BUF_INIT;
  if (mdl_blank(buoi)) {
    vb_buf_printf(&p, "Ngày %s", ngay);
  } else {
    vi_capitalize_first(&p, mdl_trim(m, buoi));
    vb_buf_printf(&p, " ngày %s", ngay);
  }
  ten = no_period(m, ten);
  vb_buf_printf(&p, ", %s đã tổ chức %s. %s, chủ trì %s.",
                mdl_places(m, mdl_blank(co_quan) ? m->ten_co_quan : mdl_trim(m, co_quan)), ten, who,
                starts_with_ci(m, ten, "hội nghị") ? "hội nghị" : "cuộc họp");
  if (!mdl_blank(thanh_phan)) vb_buf_printf(&p, " Tham dự có %s.", no_period(m, thanh_phan));
  /* The meeting paragraph opens the body; the writer's own mo_dau follows it. Without one,
   * the sentence that hands over to the conclusions is written too. */
  vb_value *mo_dau = vb_val_arr(m->a);
  /* Made of names the data gives, not narrative: printed as typed. */
  vb_arr_push(m->a, mo_dau, vb_val_strz(m->a, mdl_plain(m, mdl_take(m, &p))));
  vb_value *given = vb_obj_get(m->root, "mo_dau");
  if (given && given->kind == VB_ARR) {
    for (size_t i = 0; i < given->u.arr.len; i++)
      vb_arr_push(m->a, mo_dau, given->u.arr.items[i]);
  } else if (given && given->kind != VB_NULL) {
    vb_arr_push(m->a, mo_dau, given);
  } else {
    const char *closing =
        mdl_blank(dien_bien)
            ? mdl_printf(m, "%s, chủ trì kết luận:", who)
            : mdl_printf(m, "%s. %s, chủ trì kết luận:", no_period(m, dien_bien), who);
    vb_arr_push(m->a, mo_dau, vb_val_strz(m->a, mdl_plain(m, closing)));
  }
  vb_obj_set(m->a, m->root, "mo_dau", mo_dau);
}
