/* vb_xml_parse: the parse options are the security boundary for package
 * parts, so every attack is tried here and the result looked at. */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "util/buf.h"
#include "xml/xml.h"

static const vb_diag *parse_fail(const char *xml, size_t len, vb_diags *d) {
  vb_diags_clear(d);
  xmlDocPtr doc = vb_xml_parse(xml, len, "t.docx", "word/document.xml", VB_ETEMPLATE, d);
  CHECK(doc == NULL);
  xmlFreeDoc(doc);
  CHECK(vb_diags_errors(d) == 1);
  const vb_diag *g = vb_diags_get(d, 0);
  CHECK(g && g->code == VB_ETEMPLATE);
  CHECK_STR(g ? g->file : NULL, "t.docx");
  CHECK(g && g->hint && *g->hint);
  if (g && getenv("VB_TEST_VERBOSE")) printf("[diag] %s\n", vb_diag_text(g));
  return g;
}

static void test_ok(vb_diags *d) {
  const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    "<w:document xmlns:w=\"urn:w\"><w:body><w:p><w:r><w:t xml:space=\"preserve\">"
                    " Ủy ban &amp; nhân dân </w:t></w:r></w:p><x><![CDATA[a<b]]></x></w:body>"
                    "</w:document>";
  /* Not NUL-terminated: the length is what counts. */
  size_t len = strlen(xml);
  char *copy = vb_xmalloc(len + 8);
  memcpy(copy, xml, len);
  memcpy(copy + len, "garbage", 8);
  xmlDocPtr doc = vb_xml_parse(copy, len, "t.docx", "word/document.xml", VB_ETEMPLATE, d);
  CHECK(doc != NULL);
  CHECK(vb_diags_count(d) == 0);
  if (doc) {
    xmlNodePtr root = xmlDocGetRootElement(doc);
    CHECK_STR((const char *)root->name, "document");
    CHECK_STR((const char *)root->ns->href, "urn:w");
    xmlNodePtr t = root->children->children->children->children;
    xmlChar *text = xmlNodeGetContent(t);
    CHECK_STR((const char *)text, " Ủy ban & nhân dân "); /* whitespace kept */
    xmlFree(text);
    xmlNodePtr x = root->children->children->next;
    CHECK(x && x->children && x->children->type == XML_CDATA_SECTION_NODE); /* CDATA kept */
    CHECK(x && x->children && strcmp((const char *)x->children->content, "a<b") == 0);
    xmlFreeDoc(doc);
  }
  free(copy);
}

static void test_billion_laughs(vb_diags *d) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_puts(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
  for (int i = 1; i <= 9; i++) {
    vb_buf_printf(&b, " <!ENTITY lol%d \"", i);
    for (int k = 0; k < 10; k++)
      vb_buf_printf(&b, "&lol%.0d;", i - 1);
    vb_buf_puts(&b, "\">\n");
  }
  vb_buf_puts(&b, "]>\n<lolz>&lol9;</lolz>");
  const vb_diag *g = parse_fail(b.data, b.len, d);
  CHECK_STR(g ? g->message : NULL,
            "phần của gói không được có DOCTYPE: có thể là tấn công bằng thực thể XML (XXE / "
            "billion laughs)");
  CHECK_CONTAINS(g ? g->where : NULL, "phần word/document.xml, dòng 2, cột");
  vb_buf_free(&b);
}

static void test_xxe(vb_diags *d) {
  const char *xml = "<?xml version=\"1.0\"?>\n"
                    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<x>&e;</x>";
  const vb_diag *g = parse_fail(xml, strlen(xml), d);
  CHECK_CONTAINS(g ? g->message : NULL, "không được có DOCTYPE");
  CHECK(g && !strstr(vb_diag_text(g), "root:"));
  /* External DTD and parameter entities: same refusal, nothing fetched. */
  const char *ext = "<!DOCTYPE x SYSTEM \"http://127.0.0.1:9/evil.dtd\"><x/>";
  g = parse_fail(ext, strlen(ext), d);
  CHECK_CONTAINS(g ? g->message : NULL, "không được có DOCTYPE");
  CHECK_CONTAINS(g ? g->where : NULL, "dòng 1, cột");
  const char *pe = "<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><x/>";
  g = parse_fail(pe, strlen(pe), d);
  CHECK_CONTAINS(g ? g->message : NULL, "không được có DOCTYPE");
  /* An undeclared entity is an error, not an empty string. */
  const char *und = "<x>&e;</x>";
  g = parse_fail(und, strlen(und), d);
  CHECK_CONTAINS(g ? g->message : NULL, "Entity 'e' not defined");
}

static void test_malformed(vb_diags *d) {
  const char *xml = "<?xml version=\"1.0\"?>\n<a>\n  <b>text</a>\n";
  const vb_diag *g = parse_fail(xml, strlen(xml), d);
  CHECK_CONTAINS(g ? g->message : NULL, "Opening and ending tag mismatch: b line 3 and a");
  CHECK_STR(g ? g->where : NULL, "phần word/document.xml, dòng 3, cột 14");
  g = parse_fail("", 0, d);
  CHECK_CONTAINS(g ? g->where : NULL, "phần word/document.xml, dòng");
  const char *ns = "<w:p/>"; /* undeclared prefix: not namespace-well-formed */
  g = parse_fail(ns, strlen(ns), d);
  CHECK_CONTAINS(g ? g->message : NULL, "Namespace prefix w");
  CHECK_STR(g ? g->where : NULL, "phần word/document.xml, dòng 1, cột 5");
  /* The code and the names are the caller's. */
  vb_diags_clear(d);
  CHECK(vb_xml_parse("<a>", 3, "x.odt", "content.xml", VB_EDATA, d) == NULL);
  const vb_diag *h = vb_diags_get(d, 0);
  CHECK(h && h->code == VB_EDATA);
  CHECK_STR(h ? h->file : NULL, "x.odt");
  CHECK_CONTAINS(h ? h->where : NULL, "phần content.xml, dòng 1");
}

static void test_deep(vb_diags *d) {
  const int depth = 100000;
  vb_buf b = VB_BUF_INIT;
  for (int i = 0; i < depth; i++)
    vb_buf_puts(&b, "<a>");
  for (int i = 0; i < depth; i++)
    vb_buf_puts(&b, "</a>");
  const vb_diag *g = parse_fail(b.data, b.len, d);
  CHECK_STR(g ? g->message : NULL, "các phần tử lồng nhau quá sâu (libxml2 cho tối đa 256 cấp)");
  CHECK_CONTAINS(g ? g->hint : NULL, "không chương trình văn phòng nào");
  vb_buf_free(&b);
  /* 200 levels are fine (real documents nest a few dozen). */
  for (int i = 0; i < 200; i++)
    vb_buf_puts(&b, "<a>");
  for (int i = 0; i < 200; i++)
    vb_buf_puts(&b, "</a>");
  vb_diags_clear(d);
  xmlDocPtr doc = vb_xml_parse(b.data, b.len, "t.docx", "p.xml", VB_ETEMPLATE, d);
  CHECK(doc != NULL);
  xmlFreeDoc(doc);
  vb_buf_free(&b);
}

static void test_bad_utf8(vb_diags *d) {
  const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>Ha\xFF\xFEnoi</a>";
  const vb_diag *g = parse_fail(xml, strlen(xml), d);
  CHECK_STR(g ? g->message : NULL, "XML không hợp lệ (libxml2: Input is not proper UTF-8, indicate "
                                   "encoding ! Bytes: 0xFF 0xFE 0x6E 0x6F)");
  CHECK_CONTAINS(g ? g->hint : NULL, "phải là UTF-8");
  CHECK_CONTAINS(g ? g->where : NULL, "dòng 2");
  const char *over = "<a>\xC0\xAF</a>"; /* overlong '/' */
  g = parse_fail(over, strlen(over), d);
  CHECK_CONTAINS(g ? g->message : NULL, "UTF-8");
}

/* Two threads parsing at once, one with errors: no cross-talk. */
typedef struct job {
  const char *xml;
  int ok, errors;
} job;

static void *run_job(void *arg) {
  job *j = arg;
  vb_diags *d = vb_diags_new();
  for (int i = 0; i < 200; i++) {
    xmlDocPtr doc = vb_xml_parse(j->xml, strlen(j->xml), "t", "p", VB_ETEMPLATE, d);
    if (doc) j->ok++;
    xmlFreeDoc(doc);
  }
  j->errors = (int)vb_diags_errors(d);
  vb_diags_free(d);
  return NULL;
}

static void test_threads(void) {
  job good = {"<a><b>x</b></a>", 0, 0}, bad = {"<a><b>x</a>", 0, 0};
  pthread_t t1, t2;
  pthread_create(&t1, NULL, run_job, &good);
  pthread_create(&t2, NULL, run_job, &bad);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  CHECK(good.ok == 200 && good.errors == 0);
  CHECK(bad.ok == 0 && bad.errors == 200);
}

int main(void) {
  vb_xml_init();
  vb_xml_init();
  /* Nothing may reach stderr: send it to a file while parsing, then look. */
  char errpath[] = VB_BINARY_DIR "/test_xml_stderr.txt";
  fflush(stderr);
  int saved = dup(2);
  int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(fd, 2);
  close(fd);

  vb_diags *d = vb_diags_new();
  test_ok(d);
  test_billion_laughs(d);
  test_xxe(d);
  test_malformed(d);
  test_deep(d);
  test_bad_utf8(d);
  test_threads();
  vb_diags_free(d);

  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  char buf[4096] = {0};
  FILE *f = fopen(errpath, "r");
  size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
  if (f) fclose(f);
  remove(errpath);
  if (n) fprintf(stderr, "stderr during parsing:\n%s\n", buf);
  CHECK(n == 0);
  TEST_MAIN_END();
}
