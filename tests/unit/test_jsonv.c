/* Unit tests of the strict JSON validator (src/io/jsonv.c). */
#include "check.h"
#include "io/wn_io.h"

static int ok(const char *s) {
  return wn_json_strict(s, strlen(s));
}

int main(void) {
  CHECK(ok("{}"));
  CHECK(ok(" { \"a\" : [1, -0.5e+3, true, false, null, \"x\\u00e9\\n\"] } "));
  CHECK(ok("12345678901234567890"));
  CHECK(ok("[[[[\"deep\"]]]]"));
  CHECK(!ok(""));
  CHECK(!ok("{\"k\":01}")); /* leading zero */
  CHECK(!ok("{\"k\":1.}")); /* no fraction digits */
  CHECK(!ok("{\"k\":.5}"));
  CHECK(!ok("{\"k\":\"a\x01\"}")); /* raw control character */
  CHECK(!ok("{\"k\":\"\\x\"}"));   /* unknown escape */
  CHECK(!ok("{\"k\":\"\\u12\"}")); /* short \u */
  CHECK(!ok("{\"k\":1,}"));        /* trailing comma */
  CHECK(!ok("{\"k\" 1}"));
  CHECK(!ok("{k:1}"));
  CHECK(!ok("{} {}"));
  CHECK(!ok("\x0c{}")); /* form feed is not JSON white space */
  CHECK(!ok("[tru]"));
  char deep[1200];
  memset(deep, '[', 600);
  memset(deep + 600, ']', 600);
  CHECK(!wn_json_strict(deep, sizeof deep)); /* past the depth bound */
  return check_done("jsonv");
}
