/* Unit tests of HTML sniffing (src/io/html_sniff.c). */
#include <stdio.h>

#include "check.h"
#include "io/wn_io.h"

static int sniff(const char *s) {
  return wn_looks_like_html(s, strlen(s));
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
  for (size_t i = 0; i < WN_ARRAY_LEN(yes); i++) {
    int ok = sniff(yes[i]) == 1;
    CHECK(ok);
    if (!ok)
      fprintf(stderr, "  sniff missed: %s\n", yes[i]);
  }
  for (size_t i = 0; i < WN_ARRAY_LEN(no); i++) {
    int ok = sniff(no[i]) == 0;
    CHECK(ok);
    if (!ok)
      fprintf(stderr, "  sniff false positive: %s\n", no[i]);
  }
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

int main(void) {
  test_sniff();
  return check_done("sniff");
}
