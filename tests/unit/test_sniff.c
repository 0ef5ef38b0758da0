/* Unit tests of HTML sniffing (src/io/html_sniff.c): the WHATWG table
 * (wn_looks_like_html) and the markup rules (wn_markup_is_html). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "io/wn_io.h"

/* Each of the n strings s[i] gives want. */
static void cases(int (*fn)(const char *, size_t), const char *const *s, size_t n, int want) {
  for (size_t i = 0; i < n; i++) {
    int ok = fn(s[i], strlen(s[i])) == want;
    CHECK(ok);
    if (!ok)
      fprintf(stderr, "  %s: %s\n", want ? "missed" : "false positive", s[i]);
  }
}

static void test_sniff(void) {
  static const char *const yes[] = {
      "<!DOCTYPE html>",
      "<!doctype HTML>",
      " \t\r\n\f<html lang=en>",
      "<HTML>",
      "<Html>",
      "<head>",
      "<script src=x>",
      "<iframe>",
      "<h1>",
      "<div class=x>",
      "<font>",
      "<table>",
      "<a href=x>",
      "<style>",
      "<title>",
      "<b>",
      "<body>",
      "<br>",
      "<p>",
      "<!-- c -->",
      "<!-->",
      "\xEF\xBB\xBF<html>",
  };
  static const char *const no[] = {
      "",
      "<html",
      "<htmlx>",
      "<?xml version=\"1.0\"?><html>",
      "{\"text\": 1}",
      "text <html>",
      "<!--x-->",
      "<p",
      "<h2>",
      "<span>",
      "\v<html>",
      "<!DOCTYPE htm>",
      "<\xC2\xA0html>",
  };
  cases(wn_looks_like_html, yes, WN_ARRAY_LEN(yes), 1);
  cases(wn_looks_like_html, no, WN_ARRAY_LEN(no), 0);
  CHECK(wn_looks_like_html(NULL, 0) == 0);
  CHECK(wn_looks_like_html("<p>", 2) == 0); /* the terminator is past n */
  char lead[1500];
  memset(lead, ' ', sizeof lead);
  memcpy(lead + 1442, "<p>", 3); /* ends at the header's last byte */
  CHECK(wn_looks_like_html(lead, sizeof lead) == 1);
  memset(lead, ' ', sizeof lead);
  memcpy(lead + 1443, "<p>", 3); /* past the 1445-byte resource header */
  CHECK(wn_looks_like_html(lead, sizeof lead) == 0);
}

/* Markup the WHATWG table misses: wrappers, pages that open with another
 * element, pages cut at their head; not XML, JSON or prose. */
static void test_markup(void) {
  static const char *const yes[] = {
      /* a crawler's wrapper, then element tags */
      "<text id=\"http://a/b\" title=\"t\" encoding=\"gbk\">\n  <table width=760><tr><td>x",
      "<text id=u>\n<div id=\"container\"><div id=\"header\"><h1>",
      "<text id=u>\t<script> function f() { if (a < b) alert('x'); }</script><div>",
      "<record><!-- comment --><span>a</span>",
      "<x><header><bodyguard> <html",      /* an html tag anywhere */
      " <meta charset=gbk><body>",         /* head or body */
      "<text id=u><HEAD><title>x</title>", /* any case */
      /* a first tag that is an element the WHATWG table does not list */
      "<link rel=stylesheet href=a.css>",
      "<meta charset=\"utf-8\">",
      "<span class=x>",
      "<ul><li>a</li></ul>",
      "<img src=a.png>",
      "<section>",
      "<article class=post>",
      "<h2>Title</h2>",
      "<pre>words",
      "</div></div><p>the rest of a page cut in its markup",
      "\xEF\xBB\xBF\n<nav>",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE html><html>", /* XHTML */
      "<html xmlns=\"http://www.w3.org/1999/xhtml\">",
  };
  static const char *const no[] = {
      "",
      "   ",
      "plain words",
      "words about <html> tags and <div> and <p>",
      "{\"text\":\"<div><p><span><a><b><i><table><tr><td><ul><li><ol>\"}",
      "[\"<div>\", \"<p>\", \"<span>\", \"<a>\", \"<b>\", \"<i>\", \"<li>\", \"<ul>\"]",
      "<x><header><bodyguard><heading>", /* one known tag after the wrapper */
      "<pres>words",
      "<rss><channel><title>t</title><link>u</link><item><![CDATA[<p><div><span><a>]]>",
      "<?xml version=\"1.0\"?><feed><title>t</title><link href=x/><div><p>",
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><content><div><p>",
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>a{}</style><a><text>x</text></a></svg>",
      "<?xml version=\"1.0\"?><project><body><menu><item/></menu></body>", /* no XHTML */
      "<1div><2p>",
      "<!-- <div><p><span> only in a comment -->",
  };
  cases(wn_markup_is_html, yes, WN_ARRAY_LEN(yes), 1);
  cases(wn_markup_is_html, no, WN_ARRAY_LEN(no), 0);
  CHECK(wn_markup_is_html(NULL, 0) == 0);
  /* a page cut at its head: text first, then mostly markup */
  char cut[4200];
  size_t n = (size_t)snprintf(cut, sizeof cut, "%s", "ing the end of a sentence.</p>\n");
  for (int i = 0; i < 6; i++)
    n += (size_t)snprintf(cut + n, sizeof cut - n,
                          "<li class=\"item\"><a href=\"/n/%d.html\">Story %d</a></li>\n", i, i);
  CHECK(wn_markup_is_html(cut, n) == 1);
  /* prose with a dozen tags in it: markup does not dominate */
  char prose[4200];
  n = 0;
  for (int i = 0; i < 12; i++)
    n += (size_t)snprintf(prose + n, sizeof prose - n,
                          "Paragraph %d of a long text that mentions the <p> element once. ", i);
  CHECK(wn_markup_is_html(prose, n) == 0);
  /* only the first WN_SNIFF_BYTES count */
  static char late[WN_SNIFF_BYTES + 64];
  memset(late, 'x', sizeof late);
  memcpy(late, "<x>", 3);
  memcpy(late + WN_SNIFF_BYTES - 12, "<div><p>", 8); /* both inside */
  CHECK(wn_markup_is_html(late, sizeof late) == 1);
  memset(late, 'x', sizeof late);
  memcpy(late, "<x>", 3);
  memcpy(late + WN_SNIFF_BYTES - 6, "<div><p>", 8); /* <p> past the end */
  CHECK(wn_markup_is_html(late, sizeof late) == 0);
  CHECK(wn_markup_is_html(late, WN_SNIFF_BYTES + 2) == 0);
}

int main(void) {
  test_sniff();
  test_markup();
  return check_done("sniff");
}
