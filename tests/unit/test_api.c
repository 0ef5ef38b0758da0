/* Unit tests of the public API contract: parameters and their bounds,
 * argument checks, caps that return a named limit error and leave the
 * context usable, status names, and allocation failures at every point
 * (builds with WINNOW_FAULT_INJECTION fail the n-th allocation). */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "check.h"
#include "common/wn_common.h"

static winnow_model *model;

static void test_params(void) {
  int64_t lo, hi, dflt;
  CHECK(winnow_param_bounds(WINNOW_P_MAX_DOC_BYTES, &lo, &hi, &dflt) == WINNOW_OK);
  CHECK(lo >= 1 && dflt >= lo && dflt <= hi);
  CHECK(winnow_param_bounds(WINNOW_P_COUNT_, &lo, &hi, &dflt) == WINNOW_ERR_ARG);
  winnow_ctx *c = winnow_ctx_create(model);
  CHECK(winnow_ctx_get(c, WINNOW_P_MAX_DOC_BYTES) == dflt);
  CHECK(winnow_ctx_set(c, WINNOW_P_MAX_DOC_BYTES, hi + 1) == WINNOW_ERR_ARG);
  CHECK(winnow_ctx_set(c, WINNOW_P_MAX_DOC_BYTES, 0) == WINNOW_ERR_ARG);
  CHECK(winnow_ctx_set(c, WINNOW_P_MAX_DOC_BYTES, 64) == WINNOW_OK);
  const winnow_doc *d = (const winnow_doc *)1;
  char big[200];
  memset(big, 'a', sizeof big);
  CHECK(winnow_clean_text(c, big, sizeof big, &d) == WINNOW_ERR_LIMIT);
  CHECK(d == NULL);
  CHECK(strstr(winnow_ctx_errmsg(c), "max-doc-bytes") != NULL);
  CHECK(winnow_clean_text(c, "short line", 10, &d) == WINNOW_OK && d != NULL);
  CHECK(winnow_ctx_set(c, WINNOW_P_MAX_BLOCKS, 2) == WINNOW_OK);
  CHECK(winnow_clean_text(c, "a\nb\nc\n", 6, &d) == WINNOW_ERR_LIMIT);
  CHECK(strstr(winnow_ctx_errmsg(c), "max-blocks") != NULL);
  CHECK(winnow_clean_text(c, "a\n\nb\n", 5, &d) == WINNOW_OK);
  winnow_ctx_free(c);
}

static void test_arguments(void) {
  const winnow_doc *d;
  CHECK(winnow_ctx_create(NULL) == NULL);
  winnow_ctx_free(NULL);
  winnow_model_free(NULL);
  winnow_reader_free(NULL);
  winnow_free(NULL);
  CHECK(winnow_clean_text(NULL, "x", 1, &d) == WINNOW_ERR_ARG);
  winnow_ctx *c = winnow_ctx_create(model);
  CHECK(winnow_clean_text(c, NULL, 5, &d) == WINNOW_ERR_ARG);
  CHECK(winnow_clean_text(c, NULL, 0, &d) == WINNOW_OK);
  CHECK(winnow_doc_json(c, NULL, NULL, NULL, NULL) == WINNOW_ERR_ARG);
  CHECK(winnow_model_load(NULL, NULL, 0) == WINNOW_ERR_ARG);
  winnow_ctx_free(c);
}

static void test_names(void) {
  for (int i = 0; i < WINNOW_STATUS_COUNT_; i++) {
    CHECK(winnow_status_str((winnow_status)i)[0] != '\0');
    for (int k = 0; k < i; k++)
      CHECK(strcmp(winnow_status_name((winnow_status)i), winnow_status_name((winnow_status)k)));
  }
  CHECK_STR(winnow_status_name(WINNOW_ERR_LIMIT), "limit");
  CHECK_STR(winnow_status_str((winnow_status)999), "unknown status");
  CHECK_STR(winnow_reason_str(WINNOW_REASON_LINK_FARM), "link-farm");
  CHECK_STR(winnow_label_str(WINNOW_LABEL_SPAM), "spam");
  CHECK_STR(winnow_script_str(WINNOW_SCRIPT_HANT), "zh-Hant");
  CHECK_STR(winnow_lexcat_str(WINNOW_LEX_FRAUD), "fraud");
  CHECK_STR(winnow_spam_kind_str(WINNOW_SPAM_SCRIPT_MISMATCH), "script-mismatch");
  CHECK(winnow_spam_kind_str(1u << 30) == NULL);
  CHECK_STR(winnow_version(), WINNOW_VERSION_STRING);
}

static const char PAGE[] =
    "分享到：\n首页 > 新闻 > 本地\n城西新建公园下月开放\n2024-05-01 "
    "08:00 来源：城西晚报\n\n"
    "城西新建的滨河公园将于下月正式对市民开放，园内设有步道、球场和儿童游乐区。\n\n"
    "管理处表示，开放初期将实行预约入园，每天接待游客不超过五千人次。\n"
    "返回顶部\n友情链接：国产精品视频| 成人影院| 日韩无码| 午夜福利| "
    "百家乐开户| 免费黄色网站| 在线看片\n";

/* The JSON line of a document read from a WARC record. */
static const char *json_of(winnow_ctx *c, const winnow_doc *d, const winnow_record *rec) {
  const char *out = NULL;
  size_t len = 0;
  CHECK(winnow_doc_json(c, d, rec, &out, &len) == WINNOW_OK);
  CHECK(out && len > 0 && out[len - 1] == '\n' && strlen(out) == len);
  return out ? out : "";
}

/* The metadata object of a JSON line, parsed (free with cJSON_Delete). */
static cJSON *meta_of(const char *line) {
  cJSON *root = cJSON_Parse(line);
  CHECK(root != NULL);
  cJSON *m = cJSON_DetachItemFromObjectCaseSensitive(root, "metadata");
  cJSON_Delete(root);
  CHECK(cJSON_IsObject(m));
  return m;
}

static int count(const char *s, const char *sub) {
  int n = 0;
  for (const char *p = s; (p = strstr(p, sub)); p++)
    n++;
  return n;
}

static const char *meta_str(const cJSON *m, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void test_render_record(void) {
  winnow_ctx *c = winnow_ctx_create(model);
  const winnow_doc *d;
  CHECK(winnow_clean_text(c, PAGE, sizeof PAGE - 1, &d) == WINNOW_OK);
  /* no record: none of the record's keys, no warnings */
  const char *line = json_of(c, d, NULL);
  cJSON *m = meta_of(line);
  static const char *const rec_keys[] = {
      "url",         "warc_date", "warc_type",      "content_type",
      "http_status", "charset",   "charset_source", "warnings"};
  for (size_t i = 0; i < WN_ARRAY_LEN(rec_keys); i++)
    CHECK(cJSON_GetObjectItemCaseSensitive(m, rec_keys[i]) == NULL);
  CHECK_STR(meta_str(m, "script"), "zh-Hans");
  cJSON_Delete(m);
  /* a WARC response record */
  winnow_record rec = {.id = "<urn:uuid:1>",
                       .status = WINNOW_OK,
                       .url = "https://example.com/news/1?a=1&b=\"x\"",
                       .date = "2024-05-01T08:00:00Z",
                       .content_type = "text/html; charset=gbk",
                       .http_status = 200,
                       .type = WINNOW_REC_RESPONSE,
                       .warnings = WINNOW_WARN_TRUNCATED | WINNOW_WARN_LF_ONLY};
  line = json_of(c, d, &rec);
  m = meta_of(line);
  CHECK_STR(meta_str(m, "url"), "https://example.com/news/1?a=1&b=\"x\"");
  CHECK_STR(meta_str(m, "warc_date"), "2024-05-01T08:00:00Z");
  CHECK_STR(meta_str(m, "warc_type"), "response");
  CHECK_STR(meta_str(m, "content_type"), "text/html; charset=gbk");
  const cJSON *hs = cJSON_GetObjectItemCaseSensitive(m, "http_status");
  CHECK(cJSON_IsNumber(hs) && hs->valueint == 200);
  CHECK(cJSON_GetObjectItemCaseSensitive(m, "charset") == NULL); /* text input: no charset */
  const cJSON *w = cJSON_GetObjectItemCaseSensitive(m, "warnings");
  CHECK(cJSON_IsArray(w) && cJSON_GetArraySize(w) == 2);
  if (cJSON_GetArraySize(w) == 2) {
    CHECK_STR(cJSON_GetArrayItem(w, 0)->valuestring, "lf-only");
    CHECK_STR(cJSON_GetArrayItem(w, 1)->valuestring, "warc-truncated-header");
  }
  cJSON_Delete(m);
  /* key order: winnow's fields, then the record's */
  const char *order[] = {"\"title\":",
                         "\"date\":",
                         "\"source\":",
                         "\"script\":",
                         "\"url\":",
                         "\"warc_date\":",
                         "\"warc_type\":",
                         "\"content_type\":",
                         "\"http_status\":200",
                         "\"warnings\":[\"lf-only\""};
  const char *at = line;
  for (size_t i = 0; i < WN_ARRAY_LEN(order); i++) {
    const char *p = strstr(line, order[i]);
    CHECK(p != NULL && p > at);
    at = p ? p : at;
  }
  /* absent when NULL / 0 / NONE; invalid UTF-8 from the input is repaired */
  winnow_record rec2 = {.id = "x",
                        .status = WINNOW_OK,
                        .url = "http://bad\xFF\xC3/",
                        .http_status = 0,
                        .type = WINNOW_REC_NONE};
  line = json_of(c, d, &rec2);
  m = meta_of(line);
  CHECK_STR(meta_str(m, "url"), "http://bad\xEF\xBF\xBD\xEF\xBF\xBD/");
  CHECK(cJSON_GetObjectItemCaseSensitive(m, "http_status") == NULL);
  CHECK(cJSON_GetObjectItemCaseSensitive(m, "warc_type") == NULL);
  CHECK(cJSON_GetObjectItemCaseSensitive(m, "warc_date") == NULL);
  CHECK(cJSON_GetObjectItemCaseSensitive(m, "warnings") == NULL);
  cJSON_Delete(m);
  /* the input's metadata wins on a clash when its value has the key's
   * type, ours stays otherwise; a repeated input name is written once */
  static const char in_meta[] = "{\"url\":\"from-input\",\"warnings\":7,\"lang\":\"zh\","
                                "\"http_status\":404,\"lang\":\"en\",\"url\":\"again\"}";
  rec.meta_json = in_meta;
  rec.meta_json_len = sizeof in_meta - 1;
  line = json_of(c, d, &rec);
  m = meta_of(line);
  CHECK_STR(meta_str(m, "url"), "from-input");
  CHECK_STR(meta_str(m, "lang"), "zh");
  CHECK_STR(meta_str(m, "warc_type"), "response");
  hs = cJSON_GetObjectItemCaseSensitive(m, "http_status");
  CHECK(cJSON_IsNumber(hs) && hs->valueint == 404);
  w = cJSON_GetObjectItemCaseSensitive(m, "warnings"); /* 7 is no array: ours */
  CHECK(cJSON_IsArray(w) && cJSON_GetArraySize(w) == 2);
  CHECK(count(line, "\"url\"") == 1 && count(line, "\"warnings\"") == 1);
  CHECK(count(line, "\"lang\"") == 1 && count(line, "\"http_status\"") == 1);
  cJSON_Delete(m);
  rec.meta_json = NULL;
  rec.meta_json_len = 0;
  /* bytes: charset, charset_source and the document's warnings */
  static const char gbk[] = "<meta charset=\"utf-8\"><p>\xB3\xC7\xCE\xF7\xD0\xC2\xBD\xA8"
                            "\xB5\xC4\xB9\xAB\xD4\xB0\xBD\xAB\xD3\xDA\xCF\xC2\xD4\xC2"
                            "\xD5\xFD\xCA\xBD\xBF\xAA\xB7\xC5\xA1\xA3</p>";
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, gbk, sizeof gbk - 1, NULL, &d) == WINNOW_OK);
  line = json_of(c, d, &rec);
  m = meta_of(line);
  CHECK_STR(meta_str(m, "charset"), "gb18030");
  CHECK_STR(meta_str(m, "charset_source"), "label_overridden");
  w = cJSON_GetObjectItemCaseSensitive(m, "warnings");
  CHECK(cJSON_IsArray(w) && cJSON_GetArraySize(w) == 3); /* record's two + charset-overridden */
  CHECK(
      strstr(line, "\"warnings\":[\"lf-only\",\"warc-truncated-header\",\"charset-overridden\"]"));
  cJSON_Delete(m);
  /* the report shows the same fields */
  const char *out;
  size_t len;
  CHECK(winnow_doc_explain(c, d, &rec, &out, &len) == WINNOW_OK);
  CHECK(strstr(out, "    url            https://example.com/news/1") != NULL);
  CHECK(strstr(out, "    http_status    200\n") != NULL);
  CHECK(strstr(out, "    charset_source label_overridden\n") != NULL);
  CHECK(strstr(out, "    warnings       lf-only, warc-truncated-header, charset-overridden\n"));
  CHECK(strstr(out, "    spam           none\n") != NULL);
  /* ... and keeps its old layout without them */
  CHECK(winnow_clean_text(c, PAGE, sizeof PAGE - 1, &d) == WINNOW_OK);
  CHECK(winnow_doc_explain(c, d, NULL, &out, &len) == WINNOW_OK);
  CHECK(strstr(out, "\n    date    2024-05-01T08:00\n") != NULL);
  winnow_ctx_free(c);
}

/* Every allocation point fails once; each run must end in OK or NOMEM and
 * leave nothing behind (ASan's leak check runs at exit). */
static void test_alloc_failures(void) {
  int nomem = 0, ok = 0;
  for (long n = 1; n <= 400; n++) {
    wn_alloc_fail_after(n);
    winnow_ctx *c = winnow_ctx_create(model);
    if (!c) {
      nomem++;
      continue;
    }
    const winnow_doc *d;
    winnow_status st = winnow_clean_text(c, PAGE, sizeof PAGE - 1, &d);
    const char *out;
    size_t len;
    winnow_record rec = {.id = "r",
                         .url = "http://x/\xFF",
                         .type = WINNOW_REC_RESPONSE,
                         .http_status = 200,
                         .warnings = WINNOW_WARN_LF_ONLY,
                         .meta_json = "{\"k\":1}",
                         .meta_json_len = 7};
    if (st == WINNOW_OK)
      st = winnow_doc_json(c, d, n % 2 ? &rec : NULL, &out, &len);
    if (st == WINNOW_OK)
      st = winnow_doc_explain(c, d, n % 2 ? &rec : NULL, &out, &len);
    CHECK(st == WINNOW_OK || st == WINNOW_ERR_NOMEM);
    nomem += st == WINNOW_ERR_NOMEM;
    ok += st == WINNOW_OK;
    winnow_ctx_free(c);
  }
  wn_alloc_fail_after(0);
  CHECK(ok > 0);
  printf("allocation failures: %d runs ended in NOMEM, %d in OK\n", nomem, ok);
}

/* winnow_ctx_trim frees the buffers of a large document; the context is
 * as good as new after it: the same page cleans to the same output. */
static void test_trim(void) {
  size_t n = 4000, len = n * (sizeof PAGE - 1);
  char *big = malloc(len);
  winnow_ctx *c = winnow_ctx_create(model);
  CHECK(big && c);
  if (!big || !c) {
    free(big);
    winnow_ctx_free(c);
    return;
  }
  for (size_t i = 0; i < n; i++)
    memcpy(big + i * (sizeof PAGE - 1), PAGE, sizeof PAGE - 1);
  const winnow_doc *d;
  const char *out;
  size_t olen;
  char *first = NULL;
  size_t first_len = 0;
  for (int round = 0; round < 3; round++) {
    CHECK(winnow_clean_text(c, big, len, &d) == WINNOW_OK);
    CHECK(winnow_doc_json(c, d, NULL, &out, &olen) == WINNOW_OK);
    if (round == 0) {
      first = malloc(olen);
      if (first)
        memcpy(first, out, first_len = olen);
    } else {
      CHECK(first && olen == first_len && !memcmp(out, first, olen));
    }
    winnow_ctx_trim(c, round == 0 ? 0 : (size_t)64 << 10);
  }
  CHECK(winnow_clean_text(c, PAGE, sizeof PAGE - 1, &d) == WINNOW_OK && d->clean_len > 0);
  winnow_ctx_trim(NULL, 0);
  free(first);
  free(big);
  winnow_ctx_free(c);
}

int main(void) {
  char err[256];
  if (winnow_model_load(&model, err, sizeof err) != WINNOW_OK) {
    fprintf(stderr, "model: %s\n", err);
    return 1;
  }
  test_params();
  test_arguments();
  test_names();
  test_render_record();
  test_alloc_failures();
  test_trim();
  winnow_model_free(model);
  return check_done("api");
}
