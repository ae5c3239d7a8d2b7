/* The data tree every template is rendered against: JSON, spreadsheets and
 * the computed model all end up as vb_value nodes, and each node remembers
 * where it came from (file, line:column or sheet!cell) for error messages.
 * Nodes live in an arena and are never freed one by one. */
#ifndef VB_DATA_VALUE_H
#define VB_DATA_VALUE_H
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/buf.h"

/* VB_EXT is never read from data: the template engine's filters make it for
 * what is not text — a picture, a chart, text with web addresses — and only
 * the renderer knows how to write it (tpl/rich.h). */
typedef enum vb_vkind { VB_NULL, VB_BOOL, VB_NUM, VB_STR, VB_ARR, VB_OBJ, VB_EXT } vb_vkind;

/* What every VB_EXT payload starts with: its text where only text can go
 * (a value printed into an attribute, joined with ~, written to a mark). */
typedef struct vb_ext_text {
  const char *s;
  size_t len;
} vb_ext_text;

typedef struct vb_value vb_value;
typedef struct vb_member {
  const char *key;
  vb_value *val;
} vb_member;

/* 1-based line and column in the source; 0 when computed. Columns are
 * bit-field wide so that kind shares their word and a node takes 40 bytes,
 * not 48: a 100,000-row data file has half a million nodes. Columns past
 * VB_COL_MAX (a line of over 512 MiB) are stored as VB_COL_MAX. */
#define VB_COL_MAX ((1u << 29) - 1)

struct vb_value {
  uint32_t line;
  uint32_t col : 29;
  vb_vkind kind : 3;
  const char *src; /* source file name, or a cell reference such as "Sheet1!E7"; may be NULL */
  union {
    int b;
    double num;
    struct {
      const char *s; /* NUL-terminated, UTF-8, NFC */
      size_t len;
    } str;
    struct {
      vb_value **items;
      size_t len, cap;
    } arr;
    struct {
      vb_member *items; /* in source order */
      size_t len, cap;
    } obj;
    struct {
      const vb_ext_text *p; /* the payload, which starts with its text */
      unsigned type;        /* what the payload is (tpl/rich.h) */
    } ext;
  } u;
};

vb_value *vb_val_null(vb_arena *a);
vb_value *vb_val_bool(vb_arena *a, int b);
vb_value *vb_val_num(vb_arena *a, double n);
/* The string is copied into the arena. */
vb_value *vb_val_str(vb_arena *a, const char *s, size_t len);
vb_value *vb_val_strz(vb_arena *a, const char *s);
vb_value *vb_val_arr(vb_arena *a);
vb_value *vb_val_obj(vb_arena *a);
vb_value *vb_val_ext(vb_arena *a, unsigned type, const vb_ext_text *payload);

void vb_arr_push(vb_arena *a, vb_value *arr, vb_value *v);
/* Set key (copied) to v, replacing an existing member of that name. */
void vb_obj_set(vb_arena *a, vb_value *obj, const char *key, vb_value *v);
/* Member of an object, or NULL when obj is not an object or has no such key. */
vb_value *vb_obj_get(const vb_value *obj, const char *key);
vb_value *vb_obj_getn(const vb_value *obj, const char *key, size_t keylen);

/* The kind as messages name it, in Vietnamese: "null", "true/false", "số", "chuỗi",
 * "danh sách", "đối tượng" (and "ảnh/biểu đồ" for VB_EXT). */
const char *vb_vkind_name(vb_vkind k);
/* Jinja truthiness: null, false, 0, "", [] and {} are false. */
int vb_val_truthy(const vb_value *v);
/* Deep copy into another arena (positions kept). */
vb_value *vb_val_clone(vb_arena *a, const vb_value *v);

/* The JSON path of v inside root ("$.khoi[3].text"), found by identity, appended
 * to out; 0 (nothing appended) when v is not in root. For messages only: it
 * walks the whole tree. */
int vb_value_path(const vb_value *root, const vb_value *v, vb_buf *out);

/* Text of a value as templates print it: strings as is, integers without a
 * decimal point, other numbers in shortest form, true/false, none as "",
 * lists and objects as JSON (data/value_text.c). */
void vb_value_to_text(const vb_value *v, vb_buf *out);
/* A number as vb_value_to_text writes it: whole numbers in digits, others
 * in the shortest text that reads back as the same double. */
void vb_num_to_text(double x, vb_buf *out);

#endif
