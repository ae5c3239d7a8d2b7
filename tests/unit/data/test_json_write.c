/* The JSON writer (src/data/json_write.c): escapes, numbers that read back
 * exactly, non-finite numbers written as null, both layouts, and a round trip
 * through the parser. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/json.h"
#include "test.h"
#include "util/diag.h"

static const char *number(vb_buf *b, double x) {
  vb_buf_clear(b);
  vb_json_write_number(b, x);
  return vb_buf_cstr(b);
}

static void test_numbers(void) {
  vb_buf b = VB_BUF_INIT;
  CHECK_STR(number(&b, 0), "0");
  CHECK_STR(number(&b, -0.0), "0");
  CHECK_STR(number(&b, 2335), "2335");
  CHECK_STR(number(&b, -17), "-17");
  CHECK_STR(number(&b, 58.6), "58.6");
  CHECK_STR(number(&b, 0.1 + 0.2), "0.30000000000000004");
  CHECK_STR(number(&b, 1e15), "1e+15");
  CHECK_STR(number(&b, 999999999999999.0), "999999999999999");
  CHECK_STR(number(&b, 1.5e-7), "1.5e-07");
  /* JSON cannot write these: null, as JSON.stringify does. */
  CHECK_STR(number(&b, NAN), "null");
  CHECK_STR(number(&b, INFINITY), "null");
  CHECK_STR(number(&b, -INFINITY), "null");
  /* Every finite double reads back as itself. */
  const double samples[] = {1.0 / 3, 2.0 / 3, 1e300, -1e-300, 123456.789, 4.35, 0.07, 98.7};
  for (size_t i = 0; i < sizeof samples / sizeof *samples; i++)
    CHECK(strtod(number(&b, samples[i]), NULL) == samples[i]);
  vb_buf_free(&b);
}

static void test_strings(void) {
  vb_buf b = VB_BUF_INIT;
  const char s[] = "Ủy ban \"nhân dân\"\nxã\tHà\\Tân\r\b\f\x01\x1f/";
  vb_json_write_string(&b, s, sizeof s - 1);
  CHECK_STR(vb_buf_cstr(&b),
            "\"Ủy ban \\\"nhân dân\\\"\\nxã\\tHà\\\\Tân\\r\\b\\f\\u0001\\u001f/\"");
  vb_buf_clear(&b);
  /* A NUL inside the given length is escaped, not an end. */
  vb_json_write_string(&b, "a\0b", 3);
  CHECK_STR(vb_buf_cstr(&b), "\"a\\u0000b\"");
  vb_buf_free(&b);
}

static void test_layouts_and_round_trip(void) {
  static const char json[] = "{\"loai\":\"bao-cao\",\"so\":null,\"du_thao\":true,"
                             "\"ds\":[1,2.5,{\"a\":[],\"b\":{}}],\"ten\":\"Hà \\\"Tân\\\"\\n\"}";
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = vb_json_parse(a, json, strlen(json), "x.json", d);
  CHECK(v && vb_diags_count(d) == 0);
  vb_buf b = VB_BUF_INIT;
  if (v) vb_json_write(&b, v, VB_JSON_COMPACT);
  CHECK_STR(vb_buf_cstr(&b), json);
  vb_buf_clear(&b);
  if (v) vb_json_write(&b, v, VB_JSON_LIST_LINES);
  CHECK_STR(vb_buf_cstr(&b), "{\"loai\": \"bao-cao\", \"so\": null, \"du_thao\": true, \"ds\": [\n"
                             "  1,\n  2.5,\n  {\"a\": [], \"b\": {}}\n], \"ten\": \"Hà "
                             "\\\"Tân\\\"\\n\"}");
  /* What was written parses back to what was read. */
  vb_buf again = VB_BUF_INIT;
  vb_value *w = vb_json_parse(a, b.data, b.len, "y.json", d);
  CHECK(w && vb_diags_count(d) == 0);
  if (w) vb_json_write(&again, w, VB_JSON_COMPACT);
  CHECK_STR(vb_buf_cstr(&again), json);
  /* A computed NaN in a tree still gives valid JSON. */
  vb_value *o = vb_val_obj(a);
  vb_obj_set(a, o, "ti_le", vb_val_num(a, NAN));
  vb_buf_clear(&b);
  vb_json_write(&b, o, VB_JSON_COMPACT);
  CHECK_STR(vb_buf_cstr(&b), "{\"ti_le\":null}");
  vb_value *back = vb_json_parse(a, b.data, b.len, "z.json", d);
  CHECK(back && vb_obj_get(back, "ti_le") && vb_obj_get(back, "ti_le")->kind == VB_NULL);
  vb_buf_free(&b);
  vb_buf_free(&again);
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  test_numbers();
  test_strings();
  test_layouts_and_round_trip();
  TEST_MAIN_END();
}
