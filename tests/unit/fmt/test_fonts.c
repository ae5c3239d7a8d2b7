/* Font embedding (vb_embed_fonts, done by src/fmt): the obfuscation key of
 * each DOCX face, the fontTable entries and their relationships, the content
 * type, the settings flag and the parts made when missing; the ODT manifest
 * and font-face declarations; and the bytes of the edited parts kept
 * everywhere else. */
#include <stdlib.h>
#include <string.h>

#include "pkg/pkg.h"
#include "test.h"
#include "util/diag.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"

static unsigned char face_bytes[2][100];

static void faces(vb_font_face f[2]) {
  for (int k = 0; k < 2; k++) {
    for (int i = 0; i < 100; i++)
      face_bytes[k][i] = (unsigned char)(i * 7 + k * 13 + 1);
    f[k] = (vb_font_face){"Liberation Serif", "Times New Roman", k == 1, 0, face_bytes[k], 100};
  }
}

static void *zip_of(size_t *len, const char *const *entries) {
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  for (size_t i = 0; entries[i]; i += 2)
    vb_pkg_writer_add(w, entries[i], entries[i + 1], strlen(entries[i + 1]),
                      !strcmp(entries[i], "mimetype"));
  void *zip = NULL;
  vb_pkg_writer_finish_memory(w, &zip, len, NULL);
  vb_pkg_writer_free(w);
  return zip;
}

/* Entry `name` of the package (malloc'd; *len its size), or NULL. */
static char *entry(vb_pkg *p, const char *name, size_t *len) {
  long i = vb_pkg_find(p, name);
  char *data = NULL;
  size_t n = 0;
  if (i >= 0) vb_pkg_read(p, (size_t)i, &data, &n, NULL);
  if (len) *len = n;
  return data;
}

static int hexval(char c) { return c <= '9' ? c - '0' : c - 'A' + 10; }

/* The font key of embed element `elem` ("embedBold") in fontTable.xml. */
static void key_of(const char *ft, const char *elem, unsigned char key[16]) {
  const char *e = strstr(ft, elem);
  const char *k = e ? strstr(e, "w:fontKey=\"{") : NULL;
  memset(key, 0, 16);
  if (!k) return;
  k += strlen("w:fontKey=\"");
  /* ECMA-376 Part 1, 17.8.1: the GUID's hex digits read from the end. */
  static const int pos[16] = {35, 33, 31, 29, 27, 25, 22, 20, 17, 15, 12, 10, 7, 5, 3, 1};
  for (int i = 0; i < 16; i++)
    key[i] = (unsigned char)(hexval(k[pos[i]]) * 16 + hexval(k[pos[i] + 1]));
}

static void test_docx(vb_diags *d) {
  static const char *const entries[] = {
      "[Content_Types].xml",
      DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>",
      "word/document.xml",
      DECL "<w:document xmlns:w=\"" W_NS "\"><w:body/></w:document>",
      "word/_rels/document.xml.rels",
      DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "</Relationships>",
      "word/fontTable.xml",
      DECL "<w:fonts xmlns:w=\"" W_NS "\">\r\n  <w:font w:name='Times New Roman' ><w:family "
           "w:val=\"roman\"/></w:font>\r\n</w:fonts>",
      NULL};
  size_t len, out_len;
  void *zip = zip_of(&len, entries), *out = NULL;
  vb_font_face f[2];
  faces(f);
  CHECK(vb_embed_fonts(zip, len, f, 2, &out, &out_len, d) == VB_OK);
  vb_pkg *p = out ? vb_pkg_open_memory(out, out_len, "out.docx", NULL, d) : NULL;
  CHECK(p != NULL);
  if (!p) return;
  char *ft = entry(p, "word/fontTable.xml", NULL);
  /* The new family, its faces by key and relationship; the replaced family
   * names it; everything else of the part as it was (CR LF, quotes). */
  CHECK_CONTAINS(ft, "<w:font w:name=\"Liberation Serif\"><w:family w:val=\"roman\"/>"
                     "<w:pitch w:val=\"variable\"/><w:embedRegular xmlns:r=\"http://schemas."
                     "openxmlformats.org/officeDocument/2006/relationships\" r:id=\"rIdVbFont1\" "
                     "w:fontKey=\"{");
  CHECK_CONTAINS(ft, "<w:embedBold xmlns:r=");
  CHECK_CONTAINS(ft, "r:id=\"rIdVbFont2\"");
  CHECK_CONTAINS(ft, DECL "<w:fonts xmlns:w=\"" W_NS "\">\r\n  <w:font w:name='Times New Roman' >"
                          "<w:altName w:val=\"Liberation Serif\"/><w:family w:val=\"roman\"/>"
                          "</w:font>\r\n<w:font w:name=\"Liberation Serif\">");
  /* Each face: the first 32 bytes XORed with the key, the rest as it was. */
  const char *elem[2] = {"w:embedRegular", "w:embedBold"};
  for (int k = 0; k < 2; k++) {
    unsigned char key[16];
    key_of(ft ? ft : "", elem[k], key);
    char name[32];
    snprintf(name, sizeof name, "word/fonts/font%d.odttf", k + 1);
    size_t n = 0;
    char *odttf = entry(p, name, &n);
    CHECK(odttf && n == 100);
    int same = odttf != NULL, differs = 0;
    for (size_t i = 0; odttf && i < n; i++) {
      unsigned char want = i < 32 ? face_bytes[k][i] ^ key[i % 16] : face_bytes[k][i];
      same &= (unsigned char)odttf[i] == want;
      differs |= (unsigned char)odttf[i] != face_bytes[k][i];
    }
    CHECK(same && differs);
    free(odttf);
  }
  char *ftrels = entry(p, "word/_rels/fontTable.xml.rels", NULL);
  CHECK_CONTAINS(ftrels, "<Relationship Id=\"rIdVbFont2\" Type=\"http://schemas.openxmlformats."
                         "org/officeDocument/2006/relationships/font\" "
                         "Target=\"fonts/font2.odttf\"/>");
  char *ct = entry(p, "[Content_Types].xml", NULL);
  CHECK_CONTAINS(ct, "<Default Extension=\"odttf\" ContentType=\"application/vnd."
                     "openxmlformats-officedocument.obfuscatedFont\"/></Types>");
  /* settings.xml was missing: made, declared, with the flag. */
  CHECK_CONTAINS(ct, "<Override PartName=\"/word/settings.xml\"");
  char *rels = entry(p, "word/_rels/document.xml.rels", NULL);
  CHECK_CONTAINS(rels, "Id=\"rIdVbSettings\"");
  char *st = entry(p, "word/settings.xml", NULL);
  CHECK_CONTAINS(st, "<w:settings xmlns:w=\"" W_NS "\"><w:embedTrueTypeFonts/></w:settings>");
  free(ft);
  free(ftrels);
  free(ct);
  free(rels);
  free(st);
  vb_pkg_free(p);
  free(out);
  free(zip);
}

static void test_odt(vb_diags *d) {
  static const char *const entries[] = {
      "mimetype",
      "application/vnd.oasis.opendocument.text",
      "content.xml",
      "<office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>",
      "styles.xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
      "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\"><office:font-face-"
      "decls><style:font-face style:name=\"Liberation Serif\" svg:font-family=\"&apos;Liberation "
      "Serif&apos;\"/></office:font-face-decls></office:document-styles>",
      "META-INF/manifest.xml",
      "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
      "</manifest:manifest>",
      NULL};
  size_t len, out_len;
  void *zip = zip_of(&len, entries), *out = NULL;
  vb_font_face f[2];
  faces(f);
  CHECK(vb_embed_fonts(zip, len, f, 2, &out, &out_len, d) == VB_OK);
  vb_pkg *p = out ? vb_pkg_open_memory(out, out_len, "out.odt", NULL, d) : NULL;
  CHECK(p != NULL);
  if (!p) return;
  CHECK_STR(vb_pkg_name(p, 0), "mimetype");
  const char *files[2] = {"Fonts/LiberationSerif-Regular.ttf", "Fonts/LiberationSerif-Bold.ttf"};
  char *mf = entry(p, "META-INF/manifest.xml", NULL);
  for (int k = 0; k < 2; k++) {
    size_t n = 0;
    char *ttf = entry(p, files[k], &n);
    CHECK(ttf && n == 100 && memcmp(ttf, face_bytes[k], 100) == 0); /* ODF: not obfuscated */
    free(ttf);
    char want[200];
    snprintf(want, sizeof want,
             "<manifest:file-entry manifest:full-path=\"%s\" "
             "manifest:media-type=\"application/x-font-ttf\"/>",
             files[k]);
    CHECK_CONTAINS(mf, want);
  }
  char *st = entry(p, "styles.xml", NULL);
  /* The template's own declaration of the family keeps its name (and its
   * bytes, &apos; included); the embedded one gets a name of its own. */
  CHECK_CONTAINS(st, "<style:font-face style:name=\"Liberation Serif\" svg:font-family=\"&apos;"
                     "Liberation Serif&apos;\"/><style:font-face xmlns:style=");
  CHECK_CONTAINS(st, "style:name=\"Liberation Serif (vanban)\" svg:font-family=\"&apos;Liberation "
                     "Serif&apos;\" style:font-family-generic=\"roman\"");
  CHECK_CONTAINS(st, "<svg:font-face-uri xlink:href=\"Fonts/LiberationSerif-Bold.ttf\" "
                     "xlink:type=\"simple\"><svg:font-face-format svg:string=\"truetype\"/>");
  CHECK_CONTAINS(st, "</svg:font-face-src></style:font-face></office:font-face-decls>");
  free(mf);
  free(st);
  vb_pkg_free(p);
  free(out);
  free(zip);
}

static void test_refused(vb_diags *d) {
  static const char *const entries[] = {"a.xml", "<a/>", NULL};
  size_t len, out_len;
  void *zip = zip_of(&len, entries), *out = NULL;
  vb_font_face f[2];
  faces(f);
  CHECK(vb_embed_fonts(zip, len, f, 2, &out, &out_len, d) == VB_EUSAGE);
  CHECK(out == NULL && vb_diags_errors(d) == 1);
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diags_get(d, 0)->message : NULL,
                 "không phải gói DOCX hay ODT");
  f[0].len = 10; /* a font file has more than the 32 bytes the key covers */
  CHECK(vb_embed_fonts(zip, len, f, 2, &out, &out_len, d) == VB_EUSAGE);
  free(zip);
}

int main(void) {
  vb_diags *d = vb_diags_new();
  test_docx(d);
  test_odt(d);
  CHECK(vb_diags_count(d) == 0);
  for (size_t i = 0; i < vb_diags_count(d); i++)
    fprintf(stderr, "%s\n", vb_diag_text(vb_diags_get(d, i)));
  test_refused(d);
  vb_diags_free(d);
  TEST_MAIN_END();
}
