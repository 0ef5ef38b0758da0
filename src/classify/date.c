/* date.c - find a calendar date (and time) in a short line and give it in
 * ISO 8601. Conventions covered: 2024-11-20, 2024/11/20, 2024.11.20,
 * 2024年11月20日, 2024년 11월 20일, November 20, 2024, Nov. 20 2024,
 * 20 November 2024; each optionally followed by a time (09:58, 09:58:07,
 * 9时58分). Numeric day-first forms (20/11/2024) are ambiguous and skipped. */
#include <stdio.h>
#include <string.h>

#include "wn_classify.h"

typedef struct cur {
  const unsigned char *s, *end;
} cur;

static int digits(cur *c, int min, int max, int *val) {
  const unsigned char *p = c->s;
  int v = 0, n = 0;
  while (p < c->end && *p >= '0' && *p <= '9' && n < max) {
    v = v * 10 + (*p - '0');
    p++;
    n++;
  }
  if (n < min || (p < c->end && *p >= '0' && *p <= '9'))
    return 0;
  c->s = p;
  *val = v;
  return 1;
}

static void skip_spaces(cur *c) {
  while (c->s < c->end && (*c->s == ' ' || *c->s == '\t'))
    c->s++;
  /* U+3000 ideographic space */
  while (c->end - c->s >= 3 && !memcmp(c->s, "\xE3\x80\x80", 3))
    c->s += 3;
}

static int lit(cur *c, const char *w) {
  size_t n = strlen(w);
  if ((size_t)(c->end - c->s) >= n && !memcmp(c->s, w, n)) {
    c->s += n;
    return 1;
  }
  return 0;
}

/* A date separator after the year or month: - / . or a CJK unit word. */
static int date_sep(cur *c, int pos, int *cjk) {
  static const char *const YEAR[] = {"年", "년"}, *const MONTH[] = {"月", "월"};
  if (c->s < c->end && (*c->s == '-' || *c->s == '/' || *c->s == '.')) {
    c->s++;
    return 1;
  }
  const char *const *w = pos == 0 ? YEAR : MONTH;
  for (int i = 0; i < 2; i++)
    if (lit(c, w[i])) {
      *cjk = 1;
      skip_spaces(c);
      return 1;
    }
  return 0;
}

/* Words that may stand between a date and its time: a weekday ("星期三",
 * "週四", "(水)", "(Wed)", "수요일"), then a half-day ("上午", "下午",
 * "오후"). Returns 12 when the half-day says afternoon. */
static int skip_between(cur *c) {
  static const char *const WEEK[] = {"星期", "礼拜", "禮拜", "週", "周"};
  static const char *const DAYS[] = {"一", "二", "三", "四", "五", "六", "日", "天"};
  skip_spaces(c);
  if (lit(c, ",") || lit(c, "，")) /* "Nov. 3 2024, 9:05 p.m." */
    skip_spaces(c);
  if (lit(c, "at "))
    skip_spaces(c);
  if (c->s < c->end &&
      (*c->s == '(' || !memcmp(c->s, "\xEF\xBC\x88", WN_MIN(3, (size_t)(c->end - c->s))))) {
    const unsigned char *q = c->s;
    for (int i = 0;
         i < 16 && q < c->end && *q != ')' && !(q + 2 < c->end && !memcmp(q, "\xEF\xBC\x89", 3));
         i++)
      q++;
    if (q < c->end && *q == ')')
      c->s = q + 1;
    else if (q + 2 < c->end && !memcmp(q, "\xEF\xBC\x89", 3))
      c->s = q + 3;
    skip_spaces(c);
  }
  for (size_t i = 0; i < WN_ARRAY_LEN(WEEK); i++) {
    cur t = *c;
    if (!lit(&t, WEEK[i]))
      continue;
    for (size_t k = 0; k < WN_ARRAY_LEN(DAYS); k++)
      if (lit(&t, DAYS[k])) {
        *c = t;
        skip_spaces(c);
        break;
      }
    break;
  }
  static const char *const AM[] = {"上午", "早上", "凌晨", "오전"};
  static const char *const PM[] = {"下午", "晚上", "傍晚", "오후"};
  for (size_t i = 0; i < WN_ARRAY_LEN(AM); i++)
    if (lit(c, AM[i]))
      return 0;
  for (size_t i = 0; i < WN_ARRAY_LEN(PM); i++)
    if (lit(c, PM[i]))
      return 12;
  return 0;
}

/* "AM"/"PM"/"a.m."/"p.m." after a time: 12 for afternoon, -1 for morning. */
static int ampm(cur *c) {
  cur t = *c;
  skip_spaces(&t);
  if (t.s >= t.end)
    return 0;
  int pm = (*t.s | 0x20) == 'p', am = (*t.s | 0x20) == 'a';
  if (!pm && !am)
    return 0;
  t.s++;
  (void)lit(&t, ".");
  if (t.s >= t.end || (*t.s | 0x20) != 'm')
    return 0;
  t.s++;
  (void)lit(&t, ".");
  *c = t;
  return pm ? 12 : -1;
}

/* hh:mm[:ss] or hh时mm分 / hh시 mm분 after the date. */
static int parse_time(cur *c, int *h, int *mi, int *sec) {
  cur t = *c;
  int half = skip_between(&t);
  if (t.s < t.end && *t.s == 'T')
    t.s++;
  if (!digits(&t, 1, 2, h) || *h > 23)
    return 0;
  *sec = -1;
  if (lit(&t, ":") || lit(&t, "：")) {
    if (!digits(&t, 2, 2, mi) || *mi > 59)
      return 0;
    cur u = t;
    int s2;
    if ((lit(&u, ":") || lit(&u, "：")) && digits(&u, 2, 2, &s2) && s2 < 60) {
      *sec = s2;
      t = u;
    }
  } else if (lit(&t, "时") || lit(&t, "時") || lit(&t, "시")) {
    skip_spaces(&t);
    if (!digits(&t, 1, 2, mi) || *mi > 59 || !(lit(&t, "分") || lit(&t, "분")))
      return 0;
  } else {
    return 0;
  }
  int ap = ampm(&t);
  if (ap == 12 && *h < 12)
    *h += 12;
  else if (ap < 0 && *h == 12)
    *h = 0;
  else if (!ap && half && *h < 12)
    *h += half;
  *c = t;
  return 1;
}

static int numeric_date(cur *c, int *y, int *m, int *d) {
  cur t = *c;
  int cjk = 0;
  if (!digits(&t, 4, 4, y) || *y < 1900 || *y > 2100)
    return 0;
  skip_spaces(&t);
  if (!date_sep(&t, 0, &cjk) || !digits(&t, 1, 2, m) || *m < 1 || *m > 12)
    return 0;
  skip_spaces(&t);
  if (!date_sep(&t, 1, &cjk) || !digits(&t, 1, 2, d) || *d < 1 || *d > 31)
    return 0;
  if (!lit(&t, "日") && !lit(&t, "号") && !lit(&t, "일"))
    (void)lit(&t, ".");
  *c = t;
  return 1;
}

static const char *const MONTHS[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};

/* Full month names of the languages whose dates put the day first
 * ("20 November 2024", "8. März 2024", "12 марта 2024 года", "3 de mayo de
 * 2024"), lower case, UTF-8: German, Dutch, French, Spanish, Italian,
 * Portuguese, Russian (genitive, as in dates, and nominative). English is
 * MONTHS/FULL_EN. A word matches when it is one of these, its ASCII
 * letters folded to lower case. */
static const struct {
  const char *name;
  int month;
} DAY_FIRST_MONTHS[] = {
    {"januar", 1},     {"februar", 2},    {"märz", 3},       {"mai", 5},       {"juni", 6},
    {"juli", 7},       {"oktober", 10},   {"dezember", 12},  {"januari", 1},   {"februari", 2},
    {"maart", 3},      {"mei", 5},        {"augustus", 8},   {"janvier", 1},   {"février", 2},
    {"mars", 3},       {"avril", 4},      {"juin", 6},       {"juillet", 7},   {"août", 8},
    {"septembre", 9},  {"octobre", 10},   {"novembre", 11},  {"décembre", 12}, {"enero", 1},
    {"febrero", 2},    {"marzo", 3},      {"abril", 4},      {"mayo", 5},      {"junio", 6},
    {"julio", 7},      {"agosto", 8},     {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12}, {"gennaio", 1},    {"febbraio", 2},  {"aprile", 4},
    {"maggio", 5},     {"giugno", 6},     {"luglio", 7},     {"settembre", 9}, {"ottobre", 10},
    {"dicembre", 12},  {"janeiro", 1},    {"fevereiro", 2},  {"março", 3},     {"maio", 5},
    {"junho", 6},      {"julho", 7},      {"setembro", 9},   {"outubro", 10},  {"dezembro", 12},
    {"января", 1},     {"февраля", 2},    {"марта", 3},      {"апреля", 4},    {"мая", 5},
    {"июня", 6},       {"июля", 7},       {"августа", 8},    {"сентября", 9},  {"октября", 10},
    {"ноября", 11},    {"декабря", 12},   {"январь", 1},     {"февраль", 2},   {"март", 3},
    {"апрель", 4},     {"май", 5},        {"июнь", 6},       {"июль", 7},      {"август", 8},
    {"сентябрь", 9},   {"октябрь", 10},   {"ноябрь", 11},    {"декабрь", 12},
};

static int ascii_letter(unsigned char b) {
  return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
}

/* A month name (English, or a day-first language's) or an English
 * abbreviation at c; its number or 0. A word is letters: ASCII ones, and
 * any byte of a multibyte UTF-8 character. */
static int month_name(cur *c, int english_only) {
  const unsigned char *p = c->s;
  char w[32];
  size_t n = 0, ascii = 0;
  while (p < c->end && n < sizeof w - 1 && (ascii_letter(*p) || *p >= 0x80)) {
    ascii += ascii_letter(*p);
    w[n++] = (char)(ascii_letter(*p) ? (*p | 0x20) : *p);
    p++;
  }
  w[n] = '\0';
  if (n < 3 || (p < c->end && (ascii_letter(*p) || *p >= 0x80)))
    return 0;
  static const char *const FULL_EN[12] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};
  int month = 0;
  for (int i = 0; i < 12 && !month && ascii == n; i++) {
    int abbr = n == 3 || (n == 4 && !strcmp(w, "sept"));
    if (!strcmp(w, FULL_EN[i]) || (abbr && !strncmp(w, MONTHS[i], 3)))
      month = i + 1;
  }
  for (size_t i = 0; !english_only && !month && i < WN_ARRAY_LEN(DAY_FIRST_MONTHS); i++)
    if (!strcmp(w, DAY_FIRST_MONTHS[i].name))
      month = DAY_FIRST_MONTHS[i].month;
  if (!month)
    return 0;
  c->s = p;
  if (c->s < c->end && *c->s == '.')
    c->s++;
  return month;
}

static int english_date(cur *c, int *y, int *m, int *d) {
  cur t = *c;
  if ((*m = month_name(&t, 1))) { /* November 20, 2024 */
    skip_spaces(&t);
    if (!digits(&t, 1, 2, d) || *d < 1 || *d > 31)
      return 0;
    (void)(lit(&t, "st") || lit(&t, "nd") || lit(&t, "rd") || lit(&t, "th"));
    (void)lit(&t, ",");
    skip_spaces(&t);
  } else { /* 20 November 2024, 8. März 2024, 3 de mayo de 2024, 1er mars */
    if (!digits(&t, 1, 2, d) || *d < 1 || *d > 31)
      return 0;
    (void)(lit(&t, ".") || lit(&t, "er"));
    skip_spaces(&t);
    if (lit(&t, "de "))
      skip_spaces(&t);
    if (!(*m = month_name(&t, 0)))
      return 0;
    (void)lit(&t, ",");
    skip_spaces(&t);
    if (lit(&t, "de "))
      skip_spaces(&t);
  }
  if (!digits(&t, 4, 4, y) || *y < 1900 || *y > 2100)
    return 0;
  *c = t;
  return 1;
}

static int word_start(const unsigned char *base, const unsigned char *p) {
  if (p == base)
    return 1;
  unsigned char b = p[-1];
  return !((b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'));
}

static int has_digit(const unsigned char *p, const unsigned char *stop) {
  for (; p < stop; p++)
    if (*p >= '0' && *p <= '9')
      return 1;
  return 0;
}

int wn_date_find(const char *text, size_t n, char *iso, size_t *start, size_t *end) {
  const unsigned char *base = (const unsigned char *)text, *stop = base + n;
  if (!has_digit(base, stop)) /* every date form has digits: most lines go here */
    return 0;
  for (const unsigned char *p = base; p < stop; p++) {
    unsigned char low = *p | 0x20;
    if (!((*p >= '0' && *p <= '9') || (low >= 'a' && low <= 'z')) || !word_start(base, p))
      continue;
    cur c = {p, stop};
    int y, m, d, h, mi, sec;
    if (!numeric_date(&c, &y, &m, &d) && !english_date(&c, &y, &m, &d))
      continue;
    *start = (size_t)(p - base);
    if (parse_time(&c, &h, &mi, &sec)) {
      if (sec >= 0)
        snprintf(iso, 20, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, h, mi, sec);
      else
        snprintf(iso, 20, "%04d-%02d-%02dT%02d:%02d", y, m, d, h, mi);
    } else {
      snprintf(iso, 20, "%04d-%02d-%02d", y, m, d);
    }
    *end = (size_t)(c.s - base);
    return 1;
  }
  return 0;
}
