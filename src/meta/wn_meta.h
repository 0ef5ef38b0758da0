/*
 * wn_meta.h - what an HTML page says about itself: the <meta> and <link>
 * elements of its head, <html lang>, <time datetime> and JSON-LD
 * (schema.org) objects. The HTML front end hands each element here as the
 * parser reports it; nothing here parses HTML.
 *
 * Every field keeps the value of its best source so far: each source has a
 * rank (lower is better) and a later value replaces an earlier one only
 * when its rank is strictly better, so among sources of one rank the first
 * wins. Values are stored in fixed buffers inside wn_page_meta (no
 * allocation), white space collapsed and trimmed, cut at a character
 * boundary when too long. Dates are normalised to ISO 8601
 * (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS], plus the zone as written: Z or
 * +HH:MM); a value that is no date is ignored.
 *
 * The sources, best first (the rank of each is in page_meta.c):
 *   title        og:title, JSON-LD headline; twitter:title; dc.title
 *   date         article:published_time, JSON-LD datePublished,
 *                itemprop=datePublished; name=date / pubdate / publishdate /
 *                dc.date(.issued) / citation_publication_date / ...; the
 *                first <time datetime>; og:updated_time / dateModified
 *   author       JSON-LD author name; name=author / article:author /
 *                dc.creator / byl / parsely-author / sailthru.author
 *                (never a URL or an @handle)
 *   sitename     og:site_name; JSON-LD publisher name; application-name
 *   description  name=description; og:description; twitter:description
 *   lang         <html lang>; http-equiv=content-language; og:locale
 *   canonical    <link rel=canonical href>; og:url
 *   keywords     name=keywords; news_keywords; article:tag (joined by ", ")
 */
#ifndef WN_META_H
#define WN_META_H

#include <stddef.h>
#include <stdint.h>

typedef enum wn_pm_field {
  WN_PM_TITLE = 0,
  WN_PM_DATE,
  WN_PM_AUTHOR,
  WN_PM_SITENAME,
  WN_PM_DESCRIPTION,
  WN_PM_LANG,
  WN_PM_CANONICAL,
  WN_PM_KEYWORDS,
  WN_PM_COUNT_
} wn_pm_field;

/* Bytes kept per field, the terminating NUL included. A title or an
 * author longer than a few hundred bytes is not one; descriptions and
 * keyword lists are longer, but what the spam stage and a reader need of
 * them fits in 1 KiB; a URL of 2 KiB covers all but tracking garbage. */
#define WN_PM_VALUE_MAX 512u
#define WN_PM_LONG_MAX 1024u
#define WN_PM_URL_MAX 2048u

/* JSON-LD bodies longer than this are not parsed (a product catalogue, not
 * article metadata); nor are objects nested deeper than WN_PM_JSON_DEPTH
 * below @graph (cJSON's own nesting cap is far higher). */
#define WN_PM_JSONLD_MAX ((size_t)256 << 10)
#define WN_PM_JSON_DEPTH 8

typedef struct wn_page_meta {
  char title[WN_PM_VALUE_MAX];
  char date[32];
  char author[WN_PM_VALUE_MAX];
  char sitename[WN_PM_VALUE_MAX];
  char description[WN_PM_LONG_MAX];
  char lang[64];
  char canonical[WN_PM_URL_MAX];
  char keywords[WN_PM_LONG_MAX];
  uint8_t rank[WN_PM_COUNT_]; /* rank of the value held; 0 = none */
  uint8_t times;              /* <time datetime> elements seen */
  uint32_t jsonld_skipped;    /* JSON-LD bodies not parsed (too long, invalid) */
} wn_page_meta;

/* Forget everything (cheap: clears the ranks and first bytes). */
void wn_pm_reset(wn_page_meta *m);

/* One start tag: its lower-case name and the libxml2 attribute array
 * (name, value, name, value, ..., NULL; a value may be NULL; atts itself
 * may be NULL). Elements other than html, meta, link and time are
 * ignored, so the front end may call this for every tag. */
void wn_pm_element(wn_page_meta *m, const char *name, const char *const *atts);

/* The text of one <script type="application/ld+json">. */
void wn_pm_jsonld(wn_page_meta *m, const char *json, size_t n);

/* The value of a field, or NULL when no source gave one. */
const char *wn_pm_get(const wn_page_meta *m, wn_pm_field f);

/* Normalise a machine-readable date (ISO 8601 / RFC 3339 as pages write
 * them: "2024-12-02", "2024-12-02T11:36:00+08:00", "2024-12-02 11:36",
 * "20241202", "2024/12/02 11:36") into out (at least 32 bytes). Returns 1
 * on success, 0 when s holds no plausible date. */
int wn_pm_iso_date(const char *s, size_t n, char *out);

/* The span of a <title> left when the site's name, or a section name, is
 * cut from its start or end: "Headline - Site", "Site | Headline",
 * "Headline_Section_Site". With sitename (may be NULL), the part equal to
 * it is cut; without, the title is cut at its last separator only when
 * what stands after it is short and the part before is no shorter. Returns the
 * length kept and sets *start; white space around the kept part is
 * trimmed. */
size_t wn_pm_strip_site(const char *title, size_t n, const char *sitename, size_t *start);

#endif /* WN_META_H */
