/* Unit tests of the strict JSON validator (src/io/jsonv.c) and of the
 * object member scanner (src/io/json_members.c). */
#include <stdio.h>

#include "check.h"
#include "io/wn_io.h"

static int ok(const char *s) {
  return wn_json_strict(s, strlen(s));
}

/* The members of obj, "name=value" each, ';'-separated, into out. */
static void members(const char *obj, char *out, size_t cap) {
  size_t n = strlen(obj), pos = 0, o = 0;
  wn_json_member m;
  out[0] = 0;
  CHECK(wn_json_open(obj, n, &pos, '{'));
  while (wn_json_member_next(obj, n, &pos, &m) && o < cap)
    o += (size_t)snprintf(out + o, cap - o, "%.*s=%.*s;", (int)m.key_len, obj + m.key,
                          (int)(m.value_end - m.value), obj + m.value);
}

static void test_members(void) {
  char got[256];
  members(" { \"a\" : 1 , \"b\":[1,{\"c\":\"}\"}], \"\\\"q\" :\"x\\\"y\",\"e\":{}}", got,
          sizeof got);
  CHECK_STR(got, "a=1;b=[1,{\"c\":\"}\"}];\\\"q=\"x\\\"y\";e={};");
  members("{}", got, sizeof got);
  CHECK_STR(got, "");
  size_t pos = 0;
  CHECK(!wn_json_open("[1]", 3, &pos, '{'));
  const char *arr = "[ \"a\", 2 ,[3]]";
  size_t vs, ve, k = 0;
  pos = 0;
  CHECK(wn_json_open(arr, strlen(arr), &pos, '['));
  while (wn_json_element_next(arr, strlen(arr), &pos, &vs, &ve))
    k++;
  CHECK(k == 3 && arr[pos] == ']');
}

/* Names compare with their escapes undone; the set keeps the first. */
static void test_keys(void) {
  const char *obj = "{\"title\":1,\"t\\u0069tle\":2,\"\\ud83d\\ude00\":3,\"\xf0\x9f\x98\x80\":4,"
                    "\"a\\/b\":5,\"a/b\":6,\"\\ud800\":7,\"\xef\xbf\xbd\":8,\"x\":9}";
  static const int first[9] = {1, 0, 1, 0, 1, 0, 1, 0, 1};
  size_t n = strlen(obj), pos = 0, i = 0;
  wn_json_member m;
  wn_json_keys k;
  wn_json_keys_init(&k, obj);
  CHECK(wn_json_open(obj, n, &pos, '{'));
  while (wn_json_member_next(obj, n, &pos, &m) && i < 9) {
    int added;
    CHECK(wn_json_keys_add(&k, &m, &added) == WINNOW_OK);
    if (added != first[i])
      printf("  member %zu: added %d\n", i, added);
    CHECK(added == first[i]);
    i++;
  }
  CHECK(i == 9 && k.n == 5);
  pos = 0;
  wn_json_open(obj, n, &pos, '{');
  for (i = 0; wn_json_member_next(obj, n, &pos, &m) && i < 9; i++) {
    CHECK(wn_json_keys_is_first(&k, &m) == first[i]);
    CHECK(wn_json_key_is(obj, &m, "title") == (i < 2));
  }
  wn_json_keys_free(&k);
  /* many names: the set grows, every name stays */
  static char big[200000];
  size_t o = 0;
  big[o++] = '{';
  for (int j = 0; j < 10000; j++)
    o += (size_t)snprintf(big + o, sizeof big - o, "%s\"k%d\":0", j ? "," : "", j % 5000);
  big[o++] = '}';
  wn_json_keys_init(&k, big);
  pos = 0;
  wn_json_open(big, o, &pos, '{');
  size_t added_n = 0;
  while (wn_json_member_next(big, o, &pos, &m)) {
    int added;
    CHECK(wn_json_keys_add(&k, &m, &added) == WINNOW_OK);
    added_n += (size_t)added;
  }
  CHECK(added_n == 5000 && k.n == 5000);
  wn_json_keys_free(&k);
}

int main(void) {
  test_members();
  test_keys();
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
