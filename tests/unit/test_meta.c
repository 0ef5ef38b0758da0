/* test_meta.c - the page's own metadata (src/meta): source ranks, value
 * checks, ISO dates, JSON-LD, and <title> without the site name. */
#include <string.h>

#include "../../src/meta/wn_meta.h"
#include "check.h"

#define ELEM(m, name, ...) wn_pm_element(m, name, (const char *const[]){__VA_ARGS__, NULL})

static void test_ranks(void) {
  wn_page_meta m;
  wn_pm_reset(&m);
  CHECK(wn_pm_get(&m, WN_PM_TITLE) == NULL);
  ELEM(&m, "meta", "name", "twitter:title", "content", "  Second \n best ");
  CHECK_STR(wn_pm_get(&m, WN_PM_TITLE), "Second best");
  ELEM(&m, "meta", "property", "og:title", "content", "The headline");
  CHECK_STR(wn_pm_get(&m, WN_PM_TITLE), "The headline");
  ELEM(&m, "meta", "property", "og:title", "content", "A second og:title");
  CHECK_STR(wn_pm_get(&m, WN_PM_TITLE), "The headline"); /* same rank: first wins */
  ELEM(&m, "meta", "name", "twitter:title", "content", "worse");
  CHECK_STR(wn_pm_get(&m, WN_PM_TITLE), "The headline");
  ELEM(&m, "meta", "property", "og:title", "content", "   ");
  CHECK_STR(wn_pm_get(&m, WN_PM_TITLE), "The headline");
  /* attribute names and keys in any case */
  ELEM(&m, "meta", "PROPERTY", "OG:SITE_NAME", "CONTENT", "Daily Planet");
  CHECK_STR(wn_pm_get(&m, WN_PM_SITENAME), "Daily Planet");
  /* elements that carry nothing */
  ELEM(&m, "div", "class", "og:title", "content", "no");
  ELEM(&m, "meta", "name", "og:description");
  CHECK(wn_pm_get(&m, WN_PM_DESCRIPTION) == NULL);
  wn_pm_element(&m, "meta", NULL);
  wn_pm_reset(&m);
  CHECK(wn_pm_get(&m, WN_PM_SITENAME) == NULL);
}

static void test_dates(void) {
  char iso[32];
  CHECK(wn_pm_iso_date("2024-12-02", 10, iso));
  CHECK_STR(iso, "2024-12-02");
  const char *s = "2024-12-02T11:36:00+08:00";
  CHECK(wn_pm_iso_date(s, strlen(s), iso));
  CHECK_STR(iso, s);
  s = " 2024-12-02T11:36:07.123Z ";
  CHECK(wn_pm_iso_date(s, strlen(s), iso));
  CHECK_STR(iso, "2024-12-02T11:36:07Z");
  s = "2024/12/02 11:36";
  CHECK(wn_pm_iso_date(s, strlen(s), iso));
  CHECK_STR(iso, "2024-12-02T11:36");
  s = "20241202";
  CHECK(wn_pm_iso_date(s, strlen(s), iso));
  CHECK_STR(iso, "2024-12-02");
  s = "2024-12-02T11:36-0500";
  CHECK(wn_pm_iso_date(s, strlen(s), iso));
  CHECK_STR(iso, "2024-12-02T11:36-05:00");
  s = "2024-12-02T25:36";
  CHECK(wn_pm_iso_date(s, strlen(s), iso));
  CHECK_STR(iso, "2024-12-02"); /* an impossible time is left out */
  const char *bad[] = {"",           "yesterday",  "2024-13-02", "2024-12-32", "1850-01-01",
                       "2024-12/02", "12/02/2024", "2024-1-2",   "202412"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    CHECK(!wn_pm_iso_date(bad[i], strlen(bad[i]), iso));
  /* the exact length given is honoured: no reading past n */
  CHECK(!wn_pm_iso_date("2024-12-02", 9, iso));
}

static void test_meta_dates(void) {
  wn_page_meta m;
  wn_pm_reset(&m);
  ELEM(&m, "time", "datetime", "2023-01-01T08:00");
  CHECK_STR(wn_pm_get(&m, WN_PM_DATE), "2023-01-01T08:00");
  ELEM(&m, "time", "datetime", "2020-05-05"); /* only the first plain <time> */
  CHECK_STR(wn_pm_get(&m, WN_PM_DATE), "2023-01-01T08:00");
  ELEM(&m, "meta", "property", "article:modified_time", "content", "2024-02-02");
  CHECK_STR(wn_pm_get(&m, WN_PM_DATE), "2023-01-01T08:00"); /* modified ranks last */
  ELEM(&m, "meta", "name", "pubdate", "content", "not a date");
  CHECK_STR(wn_pm_get(&m, WN_PM_DATE), "2023-01-01T08:00");
  ELEM(&m, "meta", "name", "pubdate", "content", "2024-03-03");
  CHECK_STR(wn_pm_get(&m, WN_PM_DATE), "2024-03-03");
  ELEM(&m, "time", "itemprop", "datePublished", "datetime", "2024-03-04");
  CHECK_STR(wn_pm_get(&m, WN_PM_DATE), "2024-03-04");
  ELEM(&m, "meta", "property", "article:published_time", "content", "2024-03-05T10:00:00Z");
  CHECK_STR(wn_pm_get(&m, WN_PM_DATE), "2024-03-05T10:00:00Z");
}

static void test_authors_lang_links(void) {
  wn_page_meta m;
  wn_pm_reset(&m);
  ELEM(&m, "meta", "name", "author", "content", "@EvenMoreBikes");
  ELEM(&m, "meta", "property", "article:author", "content", "https://facebook.com/someone");
  ELEM(&m, "meta", "name", "author", "content", "12345");
  CHECK(wn_pm_get(&m, WN_PM_AUTHOR) == NULL);
  ELEM(&m, "meta", "name", "byl", "content", "By Jane Doe");
  CHECK_STR(wn_pm_get(&m, WN_PM_AUTHOR), "Jane Doe");
  ELEM(&m, "meta", "name", "author", "content", "王小明");
  CHECK_STR(wn_pm_get(&m, WN_PM_AUTHOR), "王小明");

  ELEM(&m, "meta", "property", "og:locale", "content", "zh_TW");
  CHECK_STR(wn_pm_get(&m, WN_PM_LANG), "zh-TW");
  ELEM(&m, "html", "lang", "zh-Hant-TW");
  CHECK_STR(wn_pm_get(&m, WN_PM_LANG), "zh-Hant-TW");
  wn_pm_reset(&m);
  ELEM(&m, "html", "lang", "en\"><script>");
  ELEM(&m, "html", "lang", "");
  CHECK(wn_pm_get(&m, WN_PM_LANG) == NULL);
  ELEM(&m, "meta", "http-equiv", "Content-Language", "content", "de");
  CHECK_STR(wn_pm_get(&m, WN_PM_LANG), "de");

  ELEM(&m, "meta", "property", "og:url", "content", "https://example.org/a?utm=1");
  CHECK_STR(wn_pm_get(&m, WN_PM_CANONICAL), "https://example.org/a?utm=1");
  ELEM(&m, "link", "rel", "alternate", "href", "https://example.org/amp");
  ELEM(&m, "link", "rel", "Canonical", "href", "javascript:alert(1)");
  CHECK_STR(wn_pm_get(&m, WN_PM_CANONICAL), "https://example.org/a?utm=1");
  ELEM(&m, "link", "href", "https://example.org/a", "rel", "preload canonical");
  CHECK_STR(wn_pm_get(&m, WN_PM_CANONICAL), "https://example.org/a");

  ELEM(&m, "meta", "property", "article:tag", "content", "cycling");
  ELEM(&m, "meta", "property", "article:tag", "content", " bikes ");
  CHECK_STR(wn_pm_get(&m, WN_PM_KEYWORDS), "cycling, bikes");
  ELEM(&m, "meta", "name", "keywords", "content", "a,b,c");
  CHECK_STR(wn_pm_get(&m, WN_PM_KEYWORDS), "a,b,c");
  ELEM(&m, "meta", "property", "article:tag", "content", "late");
  CHECK_STR(wn_pm_get(&m, WN_PM_KEYWORDS), "a,b,c");
}

static void jsonld(wn_page_meta *m, const char *s) {
  wn_pm_jsonld(m, s, strlen(s));
}

static void test_jsonld(void) {
  wn_page_meta m;
  wn_pm_reset(&m);
  jsonld(&m, "{\"@context\":\"https://schema.org\",\"@graph\":["
             "{\"@type\":\"WebSite\",\"name\":\"Daily Planet\"},"
             "{\"@type\":\"WebPage\",\"datePublished\":\"2020-01-01\"},"
             "{\"@type\":[\"NewsArticle\"],\"headline\":\"Big \\n news\","
             "\"datePublished\":\"2024-11-20T09:58:00+01:00\","
             "\"author\":[{\"@type\":\"Person\",\"name\":\"Lois Lane\"},"
             "{\"name\":\"Clark Kent\"},\"@ghost\"],"
             "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Planet Media\"},"
             "\"keywords\":[\"city\",\"news\"],\"inLanguage\":\"en-US\"}]}");
  CHECK_STR(wn_pm_get(&m, WN_PM_TITLE), "Big news");
  CHECK_STR(wn_pm_get(&m, WN_PM_DATE), "2024-11-20T09:58:00+01:00");
  CHECK_STR(wn_pm_get(&m, WN_PM_AUTHOR), "Lois Lane, Clark Kent");
  CHECK_STR(wn_pm_get(&m, WN_PM_SITENAME), "Planet Media"); /* publisher beats WebSite */
  CHECK_STR(wn_pm_get(&m, WN_PM_KEYWORDS), "city, news");
  CHECK_STR(wn_pm_get(&m, WN_PM_LANG), "en-US");
  CHECK(m.jsonld_skipped == 0);

  /* a page's own meta of the same rank came first and stays */
  wn_pm_reset(&m);
  ELEM(&m, "meta", "property", "og:title", "content", "From og");
  jsonld(&m, "{\"@type\":\"BlogPosting\",\"headline\":\"From LD\",\"author\":\"Ann Lee\"}");
  CHECK_STR(wn_pm_get(&m, WN_PM_TITLE), "From og");
  CHECK_STR(wn_pm_get(&m, WN_PM_AUTHOR), "Ann Lee");

  /* invalid, too deep, wrong types: nothing taken, nothing broken */
  wn_pm_reset(&m);
  jsonld(&m, "{\"@type\":\"NewsArticle\",\"headline\":");
  CHECK(m.jsonld_skipped == 1);
  jsonld(&m, "{\"@type\":\"NewsArticle\",\"headline\":42,\"author\":{\"name\":7},"
             "\"datePublished\":[\"2024-01-01\"]}");
  jsonld(&m, "[[[[[[[[[[[[{\"@type\":\"NewsArticle\",\"headline\":\"deep\"}]]]]]]]]]]]]");
  jsonld(&m, "{\"@type\":\"Person\",\"headline\":\"not an article\"}");
  CHECK(wn_pm_get(&m, WN_PM_TITLE) == NULL);
  CHECK(wn_pm_get(&m, WN_PM_AUTHOR) == NULL);
  CHECK(wn_pm_get(&m, WN_PM_DATE) == NULL);
  wn_pm_jsonld(&m, "", 0);
  CHECK(m.jsonld_skipped == 1);
  /* an escape that spells no character (a lone surrogate) is refused */
  jsonld(&m, "{\"@type\":\"NewsArticle\",\"headline\":\"a\\ud800b\","
             "\"author\":\"Bo\\udfffb\",\"keywords\":[\"x\\ud800\"]}");
  CHECK(wn_pm_get(&m, WN_PM_TITLE) == NULL);
  CHECK(wn_pm_get(&m, WN_PM_AUTHOR) == NULL);
  CHECK(wn_pm_get(&m, WN_PM_KEYWORDS) == NULL);
}

static void test_long_values(void) {
  wn_page_meta m;
  char big[3000];
  wn_pm_reset(&m);
  /* 2-byte characters so the cut must land on a boundary */
  for (size_t i = 0; i + 1 < sizeof big; i += 2)
    big[i] = (char)0xC3, big[i + 1] = (char)0xA9;
  big[sizeof big - 2] = '\0'; /* after the last whole pair */
  ELEM(&m, "meta", "property", "og:title", "content", big);
  const char *t = wn_pm_get(&m, WN_PM_TITLE);
  CHECK(t && strlen(t) < WN_PM_VALUE_MAX && strlen(t) % 2 == 0 && strlen(t) > 400);
  ELEM(&m, "meta", "name", "description", "content", big);
  t = wn_pm_get(&m, WN_PM_DESCRIPTION);
  CHECK(t && strlen(t) < WN_PM_LONG_MAX && strlen(t) % 2 == 0);
}

static void strip(const char *title, const char *site, const char *want) {
  size_t start, n = wn_pm_strip_site(title, strlen(title), site, &start);
  char got[256];
  memcpy(got, title + start, n);
  got[n] = '\0';
  CHECK_STR(got, want);
}

static void test_strip_site(void) {
  strip("Big news - Daily Planet", "Daily Planet", "Big news");
  strip("Daily Planet | Big news", "daily planet", "Big news");
  strip("Big news about the council - Daily Planet", NULL, "Big news about the council");
  strip("Big news - Daily Planet", NULL, "Big news - Daily Planet"); /* a guess too far */
  strip("  Big news on the city council :: Planet ", NULL, "Big news on the city council");
  strip("港邊舊倉庫變身兒童科學館 - 南方時報", NULL, "港邊舊倉庫變身兒童科學館");
  strip("港邊舊倉庫變身兒童科學館_南方時報", "南方時報", "港邊舊倉庫變身兒童科學館");
  /* nothing to cut: no separator, a long tail, or a short head */
  strip("COVID-19 cases rise again", NULL, "COVID-19 cases rise again");
  strip("Notes - a long subtitle that is longer than the head", NULL,
        "Notes - a long subtitle that is longer than the head");
  strip("Home - Planet", NULL, "Home - Planet");
  strip("Big news - Daily Planet", "Other Site", "Big news - Daily Planet");
  strip("", NULL, "");
}

int main(void) {
  test_ranks();
  test_dates();
  test_meta_dates();
  test_authors_lang_links();
  test_jsonld();
  test_long_values();
  test_strip_site();
  return check_done("test_meta");
}
