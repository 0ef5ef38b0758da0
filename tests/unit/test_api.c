/* Unit tests of the public API contract: parameters and their bounds,
 * argument checks, caps that return a named limit error and leave the
 * context usable, status names, and allocation failures at every point
 * (builds with WINNOW_FAULT_INJECTION fail the n-th allocation). */
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
    if (st == WINNOW_OK)
      st = winnow_doc_json(c, d, NULL, &out, &len);
    CHECK(st == WINNOW_OK || st == WINNOW_ERR_NOMEM);
    nomem += st == WINNOW_ERR_NOMEM;
    ok += st == WINNOW_OK;
    winnow_ctx_free(c);
  }
  wn_alloc_fail_after(0);
  CHECK(ok > 0);
  printf("allocation failures: %d runs ended in NOMEM, %d in OK\n", nomem, ok);
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
  test_alloc_failures();
  winnow_model_free(model);
  return check_done("api");
}
