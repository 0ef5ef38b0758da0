/* page_meta.c - the page's own metadata: <meta>, <link rel=canonical>,
 * <html lang>, <time datetime> and JSON-LD, each value kept from its best
 * source (see wn_meta.h for the sources and the rule). */
#include <string.h>

#include <cjson/cJSON.h>

#include "../common/wn_common.h"
#include "wn_meta.h"

/* ------------------------------------------------------------------------ */
/* Fields and their storage                                                  */
/* ------------------------------------------------------------------------ */

static char *slot(wn_page_meta *m, wn_pm_field f, size_t *cap) {
  switch (f) {
  case WN_PM_TITLE: return *cap = sizeof m->title, m->title;
  case WN_PM_DATE: return *cap = sizeof m->date, m->date;
  case WN_PM_AUTHOR: return *cap = sizeof m->author, m->author;
  case WN_PM_SITENAME: return *cap = sizeof m->sitename, m->sitename;
  case WN_PM_DESCRIPTION: return *cap = sizeof m->description, m->description;
  case WN_PM_LANG: return *cap = sizeof m->lang, m->lang;
  case WN_PM_CANONICAL: return *cap = sizeof m->canonical, m->canonical;
  default: return *cap = sizeof m->keywords, m->keywords;
  }
}

void wn_pm_reset(wn_page_meta *m) {
  for (int f = 0; f < WN_PM_COUNT_; f++) {
    size_t cap;
    slot(m, (wn_pm_field)f, &cap)[0] = '\0';
    m->rank[f] = 0;
  }
  m->times = 0;
  m->jsonld_skipped = 0;
}

const char *wn_pm_get(const wn_page_meta *m, wn_pm_field f) {
  size_t cap;
  return f < WN_PM_COUNT_ && m->rank[f] ? slot((wn_page_meta *)m, f, &cap) : NULL;
}

static int ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Length of the longest prefix of s[0..n) that ends on a whole UTF-8
 * character (the input is valid UTF-8; a cut may split its last one). */
static size_t whole_chars(const char *s, size_t n) {
  size_t i = n, k = 0;
  while (i > 0 && k < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
    i--, k++;
  if (i == 0 || (unsigned char)s[i - 1] < 0xC0)
    return n; /* ends in ASCII, or stray continuation bytes: as is */
  unsigned char lead = (unsigned char)s[i - 1];
  size_t want = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
  return k == want ? n : i - 1;
}

/* Append s[0..n) to dst (holding len bytes, cap with the NUL) with white
 * space collapsed and trimmed; cut at a character boundary. Returns the
 * new length. */
static size_t append_collapsed(char *dst, size_t len, size_t cap, const char *s, size_t n) {
  size_t start = len;
  int space = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (ascii_space(c)) {
      space = len > start;
      continue;
    }
    if (len + 1 + (size_t)space >= cap)
      break;
    if (space)
      dst[len++] = ' ';
    space = 0;
    dst[len++] = (char)c;
  }
  len = start + whole_chars(dst + start, len - start);
  dst[len] = '\0';
  return len;
}

/* Attribute values come from the UTF-8 page, but JSON-LD escapes can
 * spell invalid sequences (a lone surrogate): such a value is refused. */
static int valid_utf8(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    size_t bad,
        k = (unsigned char)s[i] < 0x80 ? 1 : wn_utf8_seq((const unsigned char *)s + i, n - i, &bad);
    if (!k)
      return 0;
    i += k;
  }
  return 1;
}

/* Keep s as field f's value when its rank is better than the one held. */
static int offer(wn_page_meta *m, wn_pm_field f, uint8_t rank, const char *s, size_t n) {
  if (!s || (m->rank[f] && m->rank[f] <= rank) || !valid_utf8(s, n))
    return 0;
  size_t cap;
  char *dst = slot(m, f, &cap);
  char tmp[WN_PM_URL_MAX];
  if (!append_collapsed(tmp, 0, cap, s, n))
    return 0;
  memcpy(dst, tmp, strlen(tmp) + 1);
  m->rank[f] = rank;
  return 1;
}

/* ------------------------------------------------------------------------ */
/* Value checks                                                              */
/* ------------------------------------------------------------------------ */

static int has_prefix_ci(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  if (n < k)
    return 0;
  for (size_t i = 0; i < k; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c >= 'A' && c <= 'Z' ? c | 0x20 : c) != (unsigned char)p[i])
      return 0;
  }
  return 1;
}

static const char *skip_space(const char *s, size_t *n) {
  while (*n && ascii_space((unsigned char)*s))
    s++, (*n)--;
  return s;
}

static int is_url(const char *s, size_t n) {
  s = skip_space(s, &n);
  return has_prefix_ci(s, n, "http://") || has_prefix_ci(s, n, "https://") ||
         has_prefix_ci(s, n, "www.") || has_prefix_ci(s, n, "//");
}

/* A name, not a link or a handle: no URL, no leading '@', a letter in it. */
static int plausible_name(const char *s, size_t n) {
  s = skip_space(s, &n);
  if (!n || *s == '@' || is_url(s, n))
    return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
      return 1;
  }
  return 0;
}

/* A BCP 47-shaped tag: letters, digits, '-' or '_', starting with a letter.
 * Written with '-' (og:locale writes en_US). */
static int offer_lang(wn_page_meta *m, uint8_t rank, const char *s, size_t n) {
  char tag[sizeof m->lang];
  size_t k = 0;
  s = skip_space(s, &n);
  while (n && ascii_space((unsigned char)s[n - 1]))
    n--;
  if (!n || n >= sizeof tag || !(((unsigned char)s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
    return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    int alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (!alnum && c != '-' && c != '_')
      return 0;
    tag[k++] = c == '_' ? '-' : (char)c;
  }
  return offer(m, WN_PM_LANG, rank, tag, k);
}

static int offer_date(wn_page_meta *m, uint8_t rank, const char *s, size_t n) {
  char iso[32];
  return wn_pm_iso_date(s, n, iso) && offer(m, WN_PM_DATE, rank, iso, strlen(iso));
}

/* "By Jane Doe" in a byline meta: the name without "By ". */
static int offer_author(wn_page_meta *m, uint8_t rank, const char *s, size_t n) {
  s = skip_space(s, &n);
  if (has_prefix_ci(s, n, "by "))
    s += 3, n -= 3;
  return plausible_name(s, n) && offer(m, WN_PM_AUTHOR, rank, s, n);
}

/* article:tag comes once per tag: join them while no better source. */
static void add_keyword(wn_page_meta *m, uint8_t rank, const char *s, size_t n) {
  if ((m->rank[WN_PM_KEYWORDS] && m->rank[WN_PM_KEYWORDS] < rank) || !valid_utf8(s, n))
    return;
  if (m->rank[WN_PM_KEYWORDS] != rank) {
    offer(m, WN_PM_KEYWORDS, rank, s, n);
    return;
  }
  size_t len = strlen(m->keywords);
  if (len + 3 < sizeof m->keywords) {
    m->keywords[len++] = ',';
    m->keywords[len++] = ' ';
    if (append_collapsed(m->keywords, len, sizeof m->keywords, s, n) == len)
      m->keywords[len - 2] = '\0'; /* nothing fitted: no dangling ", " */
  }
}

/* ------------------------------------------------------------------------ */
/* Machine-readable dates                                                    */
/* ------------------------------------------------------------------------ */

static int num(const char *s, size_t n, size_t *i, int len, int *v) {
  if (*i + (size_t)len > n)
    return 0;
  int x = 0;
  for (int k = 0; k < len; k++) {
    char c = s[*i + (size_t)k];
    if (c < '0' || c > '9')
      return 0;
    x = x * 10 + (c - '0');
  }
  *i += (size_t)len;
  *v = x;
  return 1;
}

static int at(const char *s, size_t n, size_t i, const char *set) {
  return i < n && s[i] && strchr(set, s[i]) != NULL;
}

/* [T or ' ']HH:MM[:SS][.frac]; hour, minute, second -1 when absent. */
static void time_part(const char *s, size_t n, size_t *i, int t[3]) {
  size_t j = *i + 1;
  t[0] = t[1] = t[2] = -1;
  if (!at(s, n, *i, "T ") || !num(s, n, &j, 2, &t[0]) || !at(s, n, j, ":"))
    return;
  j++;
  if (!num(s, n, &j, 2, &t[1]) || t[0] > 23 || t[1] > 59) {
    t[0] = t[1] = -1;
    return;
  }
  if (at(s, n, j, ":")) {
    size_t k = j + 1;
    if (num(s, n, &k, 2, &t[2]) && t[2] <= 60)
      j = k;
  }
  if (t[2] >= 0 && at(s, n, j, ".,"))
    for (j++; at(s, n, j, "0123456789"); j++)
      ;
  *i = j;
}

/* Z, or +HH:MM / +HHMM / +HH; written as Z or +HH:MM. */
static void zone_part(const char *s, size_t n, size_t i, char *out) {
  int h, mi = 0;
  out[0] = '\0';
  if (at(s, n, i, "Zz")) {
    strcpy(out, "Z");
    return;
  }
  if (!at(s, n, i, "+-"))
    return;
  char sign = s[i++];
  if (!num(s, n, &i, 2, &h) || h > 14)
    return;
  if (at(s, n, i, ":"))
    i++;
  if (i < n && s[i] >= '0' && s[i] <= '9' && (!num(s, n, &i, 2, &mi) || mi > 59))
    return;
  out[0] = sign;
  out[1] = (char)('0' + h / 10);
  out[2] = (char)('0' + h % 10);
  out[3] = ':';
  out[4] = (char)('0' + mi / 10);
  out[5] = (char)('0' + mi % 10);
  out[6] = '\0';
}

static void put2(char *p, int v) {
  p[0] = (char)('0' + v / 10 % 10);
  p[1] = (char)('0' + v % 10);
}

/* Years a web page's publication date can have. */
#define PM_YEAR_MIN 1900
#define PM_YEAR_MAX 2099

int wn_pm_iso_date(const char *s, size_t n, char *out) {
  size_t i = 0;
  int y, mo, d, t[3];
  s = skip_space(s, &n);
  if (!num(s, n, &i, 4, &y))
    return 0;
  if (at(s, n, i, "-/.")) {
    char sep = s[i++];
    if (!num(s, n, &i, 2, &mo) || !at(s, n, i, (char[]){sep, 0}))
      return 0;
    i++;
    if (!num(s, n, &i, 2, &d))
      return 0;
  } else if (!num(s, n, &i, 2, &mo) || !num(s, n, &i, 2, &d)) {
    return 0;
  }
  if (y < PM_YEAR_MIN || y > PM_YEAR_MAX || mo < 1 || mo > 12 || d < 1 || d > 31)
    return 0;
  time_part(s, n, &i, t);
  char *p = out;
  p[0] = (char)('0' + y / 1000), p[1] = (char)('0' + y / 100 % 10);
  put2(p + 2, y), p[4] = '-', put2(p + 5, mo), p[7] = '-', put2(p + 8, d);
  p += 10;
  if (t[0] >= 0) {
    p[0] = 'T', put2(p + 1, t[0]), p[3] = ':', put2(p + 4, t[1]);
    p += 6;
    if (t[2] >= 0)
      p[0] = ':', put2(p + 1, t[2]), p += 3;
    zone_part(s, n, i, p);
  } else {
    *p = '\0';
  }
  return 1;
}

/* ------------------------------------------------------------------------ */
/* <meta>, <link>, <html>, <time>                                            */
/* ------------------------------------------------------------------------ */

typedef enum { V_TEXT, V_DATE, V_AUTHOR, V_LANG, V_URL, V_KEYWORD, V_NAME } vkind;

typedef struct meta_key {
  const char *key; /* lower case: name=, property= or itemprop= */
  uint8_t field, rank, kind;
} meta_key;

/* Ranks: 1 the page's own article metadata, 2-4 generic or second-hand
 * sources, 6-7 last resorts (a <time> anywhere, a modification date). */
static const meta_key META_KEYS[] = {
    {"og:title", WN_PM_TITLE, 1, V_TEXT},
    {"headline", WN_PM_TITLE, 2, V_TEXT},
    {"twitter:title", WN_PM_TITLE, 3, V_TEXT},
    {"dc.title", WN_PM_TITLE, 4, V_TEXT},
    {"article:published_time", WN_PM_DATE, 1, V_DATE},
    {"datepublished", WN_PM_DATE, 2, V_DATE},
    {"pubdate", WN_PM_DATE, 3, V_DATE},
    {"publishdate", WN_PM_DATE, 3, V_DATE},
    {"publish-date", WN_PM_DATE, 3, V_DATE},
    {"publication_date", WN_PM_DATE, 3, V_DATE},
    {"date", WN_PM_DATE, 3, V_DATE},
    {"dc.date.issued", WN_PM_DATE, 3, V_DATE},
    {"dc.date", WN_PM_DATE, 3, V_DATE},
    {"dcterms.issued", WN_PM_DATE, 3, V_DATE},
    {"citation_publication_date", WN_PM_DATE, 3, V_DATE},
    {"citation_date", WN_PM_DATE, 3, V_DATE},
    {"parsely-pub-date", WN_PM_DATE, 3, V_DATE},
    {"sailthru.date", WN_PM_DATE, 3, V_DATE},
    {"datecreated", WN_PM_DATE, 5, V_DATE},
    {"article:modified_time", WN_PM_DATE, 7, V_DATE},
    {"og:updated_time", WN_PM_DATE, 7, V_DATE},
    {"datemodified", WN_PM_DATE, 7, V_DATE},
    {"author", WN_PM_AUTHOR, 2, V_AUTHOR},
    {"article:author", WN_PM_AUTHOR, 2, V_AUTHOR},
    {"dc.creator", WN_PM_AUTHOR, 3, V_AUTHOR},
    {"byl", WN_PM_AUTHOR, 3, V_AUTHOR},
    {"parsely-author", WN_PM_AUTHOR, 3, V_AUTHOR},
    {"sailthru.author", WN_PM_AUTHOR, 3, V_AUTHOR},
    {"citation_author", WN_PM_AUTHOR, 3, V_AUTHOR},
    {"og:site_name", WN_PM_SITENAME, 1, V_NAME},
    {"application-name", WN_PM_SITENAME, 3, V_NAME},
    {"description", WN_PM_DESCRIPTION, 1, V_TEXT},
    {"og:description", WN_PM_DESCRIPTION, 2, V_TEXT},
    {"twitter:description", WN_PM_DESCRIPTION, 3, V_TEXT},
    {"og:locale", WN_PM_LANG, 3, V_LANG},
    {"og:url", WN_PM_CANONICAL, 2, V_URL},
    {"keywords", WN_PM_KEYWORDS, 1, V_TEXT},
    {"news_keywords", WN_PM_KEYWORDS, 2, V_TEXT},
    {"article:tag", WN_PM_KEYWORDS, 3, V_KEYWORD},
};

static int eq_ci(const char *a, const char *lower) {
  for (; *a && *lower; a++, lower++) {
    unsigned char c = (unsigned char)*a;
    if ((c >= 'A' && c <= 'Z' ? c | 0x20 : c) != (unsigned char)*lower)
      return 0;
  }
  return !*a && !*lower;
}

static const char *att(const char *const *atts, const char *name) {
  for (size_t i = 0; atts && atts[i]; i += 2)
    if (eq_ci(atts[i], name))
      return atts[i + 1] ? atts[i + 1] : "";
  return NULL;
}

static void offer_kind(wn_page_meta *m, const meta_key *k, const char *v) {
  size_t n = strlen(v);
  switch (k->kind) {
  case V_DATE: offer_date(m, k->rank, v, n); break;
  case V_AUTHOR: offer_author(m, k->rank, v, n); break;
  case V_LANG: offer_lang(m, k->rank, v, n); break;
  case V_URL:
    if (is_url(v, n))
      offer(m, (wn_pm_field)k->field, k->rank, v, n);
    break;
  case V_KEYWORD: add_keyword(m, k->rank, v, n); break;
  case V_NAME:
    if (plausible_name(v, n))
      offer(m, (wn_pm_field)k->field, k->rank, v, n);
    break;
  default: offer(m, (wn_pm_field)k->field, k->rank, v, n);
  }
}

static void on_meta(wn_page_meta *m, const char *const *atts) {
  const char *content = att(atts, "content");
  if (!content)
    return;
  const char *equiv = att(atts, "http-equiv");
  if (equiv && eq_ci(equiv, "content-language")) {
    offer_lang(m, 2, content, strlen(content));
    return;
  }
  const char *keys[] = {att(atts, "property"), att(atts, "name"), att(atts, "itemprop")};
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
    for (size_t j = 0; keys[i] && j < sizeof META_KEYS / sizeof *META_KEYS; j++)
      if (eq_ci(keys[i], META_KEYS[j].key))
        offer_kind(m, &META_KEYS[j], content);
}

/* rel is a set of space-separated tokens. */
static int has_token(const char *list, const char *tok) {
  size_t k = strlen(tok);
  for (const char *p = list; *p;) {
    while (ascii_space((unsigned char)*p))
      p++;
    const char *e = p;
    while (*e && !ascii_space((unsigned char)*e))
      e++;
    if ((size_t)(e - p) == k && has_prefix_ci(p, k, tok))
      return 1;
    p = e;
  }
  return 0;
}

/* A <time> of the article itself says so; any other counts only when the
 * page has nothing better, and only the first. */
#define PM_TIME_RANK 6
#define PM_TIME_PUBLISHED_RANK 2

static void on_time(wn_page_meta *m, const char *const *atts) {
  const char *dt = att(atts, "datetime");
  const char *prop = att(atts, "itemprop");
  if (!dt)
    return;
  if (prop && eq_ci(prop, "datepublished"))
    offer_date(m, PM_TIME_PUBLISHED_RANK, dt, strlen(dt));
  else if (!m->times)
    offer_date(m, PM_TIME_RANK, dt, strlen(dt));
  if (m->times < UINT8_MAX)
    m->times++;
}

void wn_pm_element(wn_page_meta *m, const char *name, const char *const *atts) {
  if (!name || !atts)
    return;
  if (!strcmp(name, "meta")) {
    on_meta(m, atts);
  } else if (!strcmp(name, "link")) {
    const char *rel = att(atts, "rel"), *href = att(atts, "href");
    if (rel && href && has_token(rel, "canonical") && is_url(href, strlen(href)))
      offer(m, WN_PM_CANONICAL, 1, href, strlen(href));
  } else if (!strcmp(name, "html")) {
    const char *lang = att(atts, "lang");
    if (!lang)
      lang = att(atts, "xml:lang");
    if (lang)
      offer_lang(m, 1, lang, strlen(lang));
  } else if (!strcmp(name, "time")) {
    on_time(m, atts);
  }
}

/* ------------------------------------------------------------------------ */
/* JSON-LD                                                                   */
/* ------------------------------------------------------------------------ */

static const char *str_of(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int type_is(const cJSON *o, int (*pred)(const char *)) {
  const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
  if (cJSON_IsString(t))
    return pred(t->valuestring);
  const cJSON *e;
  cJSON_ArrayForEach(e, t) if (cJSON_IsString(e) && pred(e->valuestring)) return 1;
  return 0;
}

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), k = strlen(tail);
  return n >= k && !strcmp(s + n - k, tail);
}

/* schema.org's CreativeWork kinds that are one article or post. */
static int article_type(const char *t) {
  return ends_with(t, "Article") || ends_with(t, "Posting") || !strcmp(t, "Report") ||
         !strcmp(t, "Blog") || !strcmp(t, "Review") || !strcmp(t, "Recipe");
}

static int website_type(const char *t) {
  return !strcmp(t, "WebSite");
}

static int webpage_type(const char *t) {
  return ends_with(t, "WebPage") || !strcmp(t, "QAPage") || !strcmp(t, "ProfilePage");
}

/* author: "Name", {"name": ...}, or a list of them, joined by ", ". */
static void ld_author(wn_page_meta *m, const cJSON *a) {
  char names[WN_PM_VALUE_MAX];
  size_t len = 0;
  const cJSON *one = a, *e;
  names[0] = '\0';
  if (cJSON_IsArray(a))
    one = a->child;
  for (e = one; e; e = cJSON_IsArray(a) ? e->next : NULL) {
    const char *name = cJSON_IsString(e) ? e->valuestring : str_of(e, "name");
    if (!name || !plausible_name(name, strlen(name)) || !valid_utf8(name, strlen(name)))
      continue;
    size_t before = len;
    if (len && len + 3 < sizeof names)
      names[len++] = ',', names[len++] = ' ';
    if ((len = append_collapsed(names, len, sizeof names, name, strlen(name))) == before + 2)
      names[len = before] = '\0'; /* nothing of the name fitted */
  }
  if (len)
    offer(m, WN_PM_AUTHOR, 1, names, len);
}

static void ld_keywords(wn_page_meta *m, const cJSON *k) {
  const cJSON *e;
  if (cJSON_IsString(k))
    offer(m, WN_PM_KEYWORDS, 4, k->valuestring, strlen(k->valuestring));
  else
    cJSON_ArrayForEach(e, k) if (cJSON_IsString(e))
        add_keyword(m, 4, e->valuestring, strlen(e->valuestring));
}

static void ld_date(wn_page_meta *m, const cJSON *o, const char *key, uint8_t rank) {
  const char *v = str_of(o, key);
  if (v)
    offer_date(m, rank, v, strlen(v));
}

/* Ranks for an article object; a WebPage's own dates rank below it. */
#define PM_LD_PAGE_DATE_RANK 4

static void ld_article(wn_page_meta *m, const cJSON *o) {
  const char *v;
  if ((v = str_of(o, "headline")))
    offer(m, WN_PM_TITLE, 1, v, strlen(v));
  ld_date(m, o, "datePublished", 1);
  ld_date(m, o, "dateCreated", 5);
  ld_date(m, o, "dateModified", 7);
  ld_author(m, cJSON_GetObjectItemCaseSensitive(o, "author"));
  const cJSON *pub = cJSON_GetObjectItemCaseSensitive(o, "publisher");
  if ((v = str_of(pub, "name")) && plausible_name(v, strlen(v)))
    offer(m, WN_PM_SITENAME, 2, v, strlen(v));
  if ((v = str_of(o, "description")))
    offer(m, WN_PM_DESCRIPTION, 4, v, strlen(v));
  if ((v = str_of(o, "inLanguage")))
    offer_lang(m, 2, v, strlen(v));
  ld_keywords(m, cJSON_GetObjectItemCaseSensitive(o, "keywords"));
}

static void ld_object(wn_page_meta *m, const cJSON *o, int depth) {
  if (depth > WN_PM_JSON_DEPTH)
    return;
  const cJSON *e;
  if (cJSON_IsArray(o)) {
    cJSON_ArrayForEach(e, o) ld_object(m, e, depth + 1);
    return;
  }
  if (!cJSON_IsObject(o))
    return;
  const char *v;
  if (type_is(o, article_type)) {
    ld_article(m, o);
  } else if (type_is(o, website_type)) {
    if ((v = str_of(o, "name")) && plausible_name(v, strlen(v)))
      offer(m, WN_PM_SITENAME, 3, v, strlen(v));
  } else if (type_is(o, webpage_type)) {
    ld_date(m, o, "datePublished", PM_LD_PAGE_DATE_RANK);
    if ((v = str_of(o, "inLanguage")))
      offer_lang(m, 2, v, strlen(v));
  }
  ld_object(m, cJSON_GetObjectItemCaseSensitive(o, "@graph"), depth + 1);
  ld_object(m, cJSON_GetObjectItemCaseSensitive(o, "mainEntity"), depth + 1);
}

void wn_pm_jsonld(wn_page_meta *m, const char *json, size_t n) {
  cJSON *root = NULL;
  if (n && n <= WN_PM_JSONLD_MAX)
    root = cJSON_ParseWithLength(json, n);
  if (!root) {
    if (n)
      m->jsonld_skipped++;
    return;
  }
  ld_object(m, root, 0);
  cJSON_Delete(root);
}

/* ------------------------------------------------------------------------ */
/* <title> without the site's name                                           */
/* ------------------------------------------------------------------------ */

/* Separators between a headline and a site or section name: spaced ones,
 * and the unspaced ones Chinese titles use. */
static const char *const SEPS[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " » ",
                                   " _ ", "｜",  "_",   " / ", "—",    "－",  "|"};

static size_t cps(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k;
}

static int same_ci(const char *a, size_t an, const char *b, size_t bn) {
  if (an != bn)
    return 0;
  for (size_t i = 0; i < an; i++) {
    unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
    if ((x >= 'A' && x <= 'Z' ? x | 0x20 : x) != (y >= 'A' && y <= 'Z' ? y | 0x20 : y))
      return 0;
  }
  return 1;
}

static void trim(const char *s, size_t *a, size_t *b) {
  while (*a < *b && ascii_space((unsigned char)s[*a]))
    (*a)++;
  while (*b > *a && ascii_space((unsigned char)s[*b - 1]))
    (*b)--;
}

/* Find the last (or first) occurrence of sep in s[a..b). */
static size_t find_sep(const char *s, size_t a, size_t b, const char *sep, int last) {
  size_t k = strlen(sep), hit = SIZE_MAX;
  for (size_t i = a; i + k <= b; i++)
    if (!memcmp(s + i, sep, k)) {
      hit = i;
      if (!last)
        break;
    }
  return hit;
}

/* Without the site's name, the part after the last separator is taken for
 * it when it is short: at most this many code points, and no longer than
 * the headline before it. */
#define PM_SITE_PART_MAX 32

static size_t cut_known(const char *t, size_t *a, size_t *b, const char *site, size_t sn) {
  for (size_t i = 0; i < sizeof SEPS / sizeof *SEPS; i++) {
    size_t k = strlen(SEPS[i]);
    size_t hit = find_sep(t, *a, *b, SEPS[i], 1);
    if (hit != SIZE_MAX) {
      size_t ta = hit + k, tb = *b;
      trim(t, &ta, &tb);
      if (same_ci(t + ta, tb - ta, site, sn))
        return *b = hit, 1;
    }
    hit = find_sep(t, *a, *b, SEPS[i], 0);
    if (hit != SIZE_MAX) {
      size_t ha = *a, hb = hit;
      trim(t, &ha, &hb);
      if (same_ci(t + ha, hb - ha, site, sn))
        return *a = hit + k, 1;
    }
  }
  return 0;
}

static int cut_unknown(const char *t, size_t *a, size_t *b) {
  for (size_t i = 0; i < sizeof SEPS / sizeof *SEPS; i++) {
    size_t hit = find_sep(t, *a, *b, SEPS[i], 1);
    if (hit == SIZE_MAX)
      continue;
    size_t ta = hit + strlen(SEPS[i]), tb = *b, ha = *a, hb = hit;
    trim(t, &ta, &tb);
    trim(t, &ha, &hb);
    size_t tail = cps(t + ta, tb - ta), head = cps(t + ha, hb - ha);
    if (tail && tail <= PM_SITE_PART_MAX && tail <= head) {
      *b = hit;
      return 1;
    }
    return 0; /* the strongest separator present decides */
  }
  return 0;
}

size_t wn_pm_strip_site(const char *title, size_t n, const char *sitename, size_t *start) {
  size_t a = 0, b = n;
  trim(title, &a, &b);
  if (sitename && *sitename) {
    size_t sa = 0, sb = strlen(sitename);
    trim(sitename, &sa, &sb);
    if (sb > sa && cut_known(title, &a, &b, sitename + sa, sb - sa))
      trim(title, &a, &b);
  } else if (cut_unknown(title, &a, &b)) {
    trim(title, &a, &b);
  }
  *start = a;
  return b - a;
}
