/* Unit tests of src/classify through small documents: dates, metadata
 * lines, features, scripts, link farms, prose vs chrome, the model loader. */
#include <stdlib.h>
#include <sys/stat.h>

#include "check.h"
#include "classify/wn_classify.h"

static winnow_model *model;
static winnow_ctx *ctx;

static void date_is(const char *text, const char *want) {
  char iso[24] = "";
  size_t a, e;
  int found = wn_date_find(text, strlen(text), iso, &a, &e);
  if (!want) {
    CHECK(!found);
    return;
  }
  CHECK(found);
  CHECK_STR(iso, want);
}

static void test_dates(void) {
  date_is("2024-11-20 09:58", "2024-11-20T09:58");
  date_is("发布时间：2024年11月20日 09:58:07", "2024-11-20T09:58:07");
  date_is("2024/1/5", "2024-01-05");
  date_is("입력 2024.11.03 14:25", "2024-11-03T14:25");
  date_is("2024년 11월 3일", "2024-11-03");
  date_is("Published November 3, 2024", "2024-11-03");
  date_is("Nov. 3 2024, 9:05 p.m.", "2024-11-03T21:05");
  date_is("3 November 2024", "2024-11-03");
  date_is("2024年11月14日 週四 下午3:12", "2024-11-14T15:12");
  date_is("2024年11月3日 15時20分", "2024-11-03T15:20");
  date_is("Von Julia Becker | 8. März 2024", "2024-03-08");
  date_is("12 марта 2024 года", "2024-03-12");
  date_is("publié le 1er mars 2024", "2024-03-01");
  date_is("3 de mayo de 2024", "2024-05-03");
  date_is("5 maggio 2024", "2024-05-05");
  date_is("7 de março de 2024", "2024-03-07");
  date_is("1 mei 2024", "2024-05-01");
  date_is("12 март 2024", "2024-03-12");
  date_is("May 3 2024", "2024-05-03");
  date_is("Mai 3 2024", NULL);    /* month first is English only */
  date_is("12 марта", NULL);      /* no year */
  date_is("3 demayo 2024", NULL); /* not a month word */
  date_is("2024-13-01", NULL);    /* no month 13 */
  date_is("20/11/2024", NULL);    /* day-first numeric: ambiguous, skipped */
  date_is("12024-11-20", NULL);   /* not a year */
  date_is("in 1999 we met", NULL);
}

static const winnow_doc *clean(const char *text) {
  const winnow_doc *d = NULL;
  CHECK(winnow_clean_text(ctx, text, strlen(text), &d) == WINNOW_OK);
  return d;
}

static int label_of(const winnow_doc *d, const char *line) {
  for (size_t i = 0; i < d->n_blocks; i++) {
    const winnow_block *b = &d->blocks[i];
    if (b->end - b->start == strlen(line) && !memcmp(d->text + b->start, line, strlen(line)))
      return b->label;
  }
  return -1;
}

static const char *PROSE_HANS =
    "市民在社区广场参加了周末的义卖活动，所得款项将用于修缮附近小学的图书室和操场。\n\n"
    "组织者表示，今年的活动比往年规模更大，参加的摊位超过六十个，很多家庭带着孩子一起来。\n\n"
    "一位志愿者说，最受欢迎的是二手图书和手工点心，不到中午就几乎全部卖完了。\n";

static void test_metadata(void) {
  char page[2048];
  snprintf(page, sizeof page,
           "社区义卖为小学图书室筹款\n2024-05-12 10:30 来源：城南日报\n作者：李明\n\n%s"
           "（责任编辑：王芳）\n",
           PROSE_HANS);
  const winnow_doc *d = clean(page);
  if (!d)
    return;
  CHECK_STR(d->meta.title, "社区义卖为小学图书室筹款");
  CHECK_STR(d->meta.date, "2024-05-12T10:30");
  CHECK_STR(d->meta.source, "城南日报");
  CHECK_STR(d->meta.author, "李明");
  CHECK_STR(d->meta.editor, "王芳");
  CHECK(!strncmp(d->clean, "社区义卖为小学图书室筹款\n\n", strlen("社区义卖为小学图书室筹款\n\n")));
  CHECK(strstr(d->clean, "来源") == NULL);
  CHECK(d->spam_kinds == 0);
  CHECK(d->script == WINNOW_SCRIPT_HANS);
}

static void test_speech_is_not_byline(void) {
  const winnow_doc *d = clean("记者：您做这一行多少年了？\n老张：三十多年了，从十六岁开始学。\n"
                              "记者：现在生意怎么样？\n老张：还行，老顾客多，年轻人也会来问。\n");
  if (!d)
    return;
  CHECK(d->meta.author == NULL);
  CHECK(label_of(d, "记者：现在生意怎么样？") == WINNOW_LABEL_CONTENT);
}

static void test_link_farm(void) {
  char page[4096];
  snprintf(page, sizeof page,
           "分享到：\n\n%s\n返回顶部\n"
           "友情链接：国产精品免费视频| 成人影院在线观看| 日韩无码高清| 午夜福利视频| "
           "亚洲成人网站| 免费黄色网站| 百家乐在线娱乐| 真人赌场开户| 高清无码视频在线| "
           "欧美激情视频\n",
           PROSE_HANS);
  const winnow_doc *d = clean(page);
  if (!d)
    return;
  CHECK(d->spam_kinds & WINNOW_SPAM_LINK_FARM);
  CHECK(d->spam_kinds & WINNOW_SPAM_ADULT);
  CHECK(d->spam_kinds & WINNOW_SPAM_GAMBLING);
  CHECK(label_of(d, "分享到：") == WINNOW_LABEL_CHROME);
  CHECK(label_of(d, "返回顶部") == WINNOW_LABEL_CHROME);
  CHECK(strstr(d->clean, "百家乐") == NULL);
  CHECK(strstr(d->clean, "义卖活动") != NULL);
}

static void test_gambling_prose_kept(void) {
  const char *page =
      "网络赌博为何让人越陷越深\n\n"
      "专家指出，网络赌场常用百家乐、老虎机和体育竞猜吸引新用户，先让人小赢几把再逐步加码。\n\n"
      "很多参与者以为彩票平台和赌博网站没有区别，结果在所谓的充值返利中越输越多。\n\n"
      "警方提醒，参与网络赌博本身就是违法行为，遇到诱导下注的链接应当及时举报。\n";
  const winnow_doc *d = clean(page);
  if (!d)
    return;
  CHECK(d->spam_kinds == 0);
  for (size_t i = 0; i < d->n_blocks; i++)
    CHECK(d->blocks[i].label == WINNOW_LABEL_CONTENT);
}

static void test_script_mismatch(void) {
  /* Traditional page, a long Simplified list without spam words */
  const char *page =
      "這是一篇關於城市交通的報導，記者走訪了多個捷運站與公車轉運站。\n\n"
      "許多通勤族表示，尖峰時段的班距仍然太長，希望主管機關能夠增加班次。\n\n"
      "热门文章：城市规划新动向| 地铁线路调整| 公交票价说明| 出行指南| 高铁时刻表| "
      "机场大巴路线| 共享单车规定| 停车收费标准| 道路施工通知| 节假日出行提示| 天气预报\n";
  const winnow_doc *d = clean(page);
  if (!d)
    return;
  CHECK(d->script == WINNOW_SCRIPT_HANT);
  CHECK(d->spam_kinds & WINNOW_SPAM_SCRIPT_MISMATCH);
  CHECK(strstr(d->clean, "热门文章") == NULL);
}

static void test_features(void) {
  const winnow_doc *d = clean("首页 | 新闻 | 体育 | 财经\nHello, world. This is fine!\n");
  if (!d || d->n_blocks != 2)
    return;
  const winnow_features *f = &d->blocks[0].f;
  CHECK(f->n_items == 4 && f->n_sep == 3 && f->sep_cp == '|');
  CHECK(f->n_han == 8);
  f = &d->blocks[1].f;
  CHECK(f->n_latin == 20 && f->n_sent_end == 2 && f->ends_sentence);
  CHECK(f->script == WINNOW_SCRIPT_LATN);
  CHECK(d->blocks[1].cp_start == 18);
}

static void test_empty_and_blank(void) {
  const winnow_doc *d = clean("");
  CHECK(d && d->n_blocks == 0 && d->clean_len == 0);
  d = clean("\n\n   \n\t\n");
  CHECK(d && d->n_blocks == 0);
  d = clean("|\n***\n");
  CHECK(d && d->n_blocks == 2 && d->clean_len == 0); /* symbols alone are no article */
  CHECK(d && d->blocks[0].reason == WINNOW_REASON_DECORATION);
  d = clean("短い一行\n");
  CHECK(d && d->clean_len > 0); /* a lone short line of words stays */
}

static void test_model_dir_errors(void) {
  winnow_model *m = NULL;
  char err[256];
  CHECK(winnow_model_load_dir("/nonexistent-winnow-data", &m, err, sizeof err) == WINNOW_ERR_MODEL);
  CHECK(m == NULL && strstr(err, "rules.conf") != NULL);
  CHECK(winnow_model_load_dir("data", &m, err, sizeof err) == WINNOW_OK);
  winnow_model_free(m);
}

static void write_file(const char *dir, const char *name, const char *text, size_t n) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (f) {
    fwrite(text, 1, n, f);
    fclose(f);
  }
}

/* Empty lexicons in dir/lexicon, but the first holds lex0 when given. */
static void write_lexicons(const char *dir, const char *lex0) {
  for (int c = 0; c < WINNOW_LEX_COUNT_; c++) {
    char name[64];
    snprintf(name, sizeof name, "lexicon/%s.txt", winnow_lexcat_str((winnow_lexcat)c));
    const char *t = c == 0 && lex0 ? lex0 : "";
    write_file(dir, name, t, strlen(t));
  }
}

/* A data directory of empty lexicons (lex0 in the first) and the given
 * rules.conf: load it and clean text[0..n) with it. *reason is the first
 * block's reason, -1 when there is none. */
static winnow_status clean_with(const char *dir, const char *rules, const char *lex0,
                                const char *text, size_t n, int *reason, char *err, size_t errlen) {
  write_file(dir, "rules.conf", rules, strlen(rules));
  write_lexicons(dir, lex0);
  winnow_model *m = NULL;
  winnow_status st = winnow_model_load_dir(dir, &m, err, errlen);
  *reason = -1;
  if (st == WINNOW_OK) { /* a model without terms still cleans */
    winnow_ctx *c = winnow_ctx_create(m);
    const winnow_doc *d;
    CHECK(c && winnow_clean_text(c, text, n, &d) == WINNOW_OK);
    if (c && d->n_blocks)
      *reason = d->blocks[0].reason;
    winnow_ctx_free(c);
  }
  winnow_model_free(m);
  return st;
}

static winnow_status load_with(const char *dir, const char *rules, const char *lex0, char *err,
                               size_t errlen) {
  int reason;
  return clean_with(dir, rules, lex0, "分享\n一段文字。\n", 20, &reason, err, errlen);
}

/* Make the temporary data directory dir (a mkdtemp template) and its
 * lexicon/; 0 when it cannot. */
static int data_dir(char *dir) {
  char sub[600];
  if (!mkdtemp(dir))
    return 0;
  snprintf(sub, sizeof sub, "%s/lexicon", dir);
  return mkdir(sub, 0700) == 0;
}

static void rm_dir(const char *dir) {
  char cmd[700];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK(system(cmd) == 0);
}

static void test_model_data_errors(void) {
  char dir[] = "/tmp/winnow-model-XXXXXX", err[256];
  if (!data_dir(dir))
    return;
  size_t n;
  char *rules = check_slurp("data/rules.conf", &n); /* whole: a cut file would lose rules */
  CHECK(rules && n > 0);
  if (!rules)
    return;
  CHECK(load_with(dir, rules, NULL, err, sizeof err) == WINNOW_OK);
  CHECK(load_with(dir, rules, "=LINE\n# comment\n分享\n", err, sizeof err) == WINNOW_OK);
  CHECK(load_with(dir, "prose_units = 20\n", NULL, err, sizeof err) == WINNOW_ERR_MODEL);
  CHECK(strstr(err, "is missing") != NULL);
  size_t bn = n + 64;
  char *bad = malloc(bn);
  CHECK(bad != NULL);
  if (!bad) {
    free(rules);
    return;
  }
  snprintf(bad, bn, "%sno_such_rule = 3\n", rules);
  CHECK(load_with(dir, bad, NULL, err, sizeof err) == WINNOW_ERR_MODEL);
  CHECK(strstr(err, "no_such_rule") != NULL);
  snprintf(bad, bn, "%sprose_units = twenty\n", rules);
  CHECK(load_with(dir, bad, NULL, err, sizeof err) == WINNOW_ERR_MODEL);
  free(bad);
  CHECK(load_with(dir, rules, "ok\n\xff\xfe\n", err, sizeof err) == WINNOW_ERR_MODEL);
  CHECK(strstr(err, "share.txt line 2") != NULL);
  free(rules);
  rm_dir(dir);
}

/* rules with the line "NAME = ..." of rules set to line instead. */
static void with_rule(char *out, size_t n, const char *rules, const char *name, const char *line) {
  char key[64];
  snprintf(key, sizeof key, "\n%s = ", name);
  const char *at = strstr(rules, key), *end = at ? strchr(at + 1, '\n') : NULL;
  CHECK(at && end);
  if (at && end)
    snprintf(out, n, "%.*s\n%s%s", (int)(at - rules), rules, line, end);
}

/* Reason of the first block of text under a model of empty lexicons and
 * rules. */
static int first_reason(const char *dir, const char *rules, const char *text) {
  char err[256];
  int reason;
  if (clean_with(dir, rules, NULL, text, strlen(text), &reason, err, sizeof err) != WINNOW_OK)
    fprintf(stderr, "model: %s\n", err);
  return reason;
}

/* Thresholds that used to be written in the code are read from rules.conf:
 * changing one there changes the label. */
static void test_rules_are_read(void) {
  char dir[] = "/tmp/winnow-rules-XXXXXX";
  if (!data_dir(dir))
    return;
  size_t n;
  char *rules = check_slurp("data/rules.conf", &n);
  static char alt[16384];
  const char *notice = "Copyright \xC2\xA9 2024 Example News Group. All rights reserved.\n";
  const char *crumb = "Home > News > World\n";
  if (rules) {
    CHECK(first_reason(dir, rules, notice) == WINNOW_REASON_COPYRIGHT);
    with_rule(alt, sizeof alt, rules, "copyright_max_units", "copyright_max_units = 4");
    CHECK(first_reason(dir, alt, notice) != WINNOW_REASON_COPYRIGHT);
    CHECK(first_reason(dir, rules, crumb) == WINNOW_REASON_BREADCRUMB);
    with_rule(alt, sizeof alt, rules, "crumb_max_items", "crumb_max_items = 2");
    CHECK(first_reason(dir, alt, crumb) == WINNOW_REASON_NAV_LIST);
  }
  free(rules);
  rm_dir(dir);
}

int main(void) {
  char err[256];
  if (winnow_model_load(&model, err, sizeof err) != WINNOW_OK) {
    fprintf(stderr, "model: %s\n", err);
    return 1;
  }
  ctx = winnow_ctx_create(model);
  test_dates();
  test_metadata();
  test_speech_is_not_byline();
  test_link_farm();
  test_gambling_prose_kept();
  test_script_mismatch();
  test_features();
  test_empty_and_blank();
  test_model_dir_errors();
  test_model_data_errors();
  test_rules_are_read();
  winnow_ctx_free(ctx);
  winnow_model_free(model);
  return check_done("classify");
}
