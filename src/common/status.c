/* status.c - names of the pinned enums of winnow.h. */
#include "wn_common.h"

const char *winnow_version(void) {
  return WINNOW_VERSION_STRING;
}

static const char *const STATUS_STR[WINNOW_STATUS_COUNT_] = {
    "ok",
    "end of input",
    "out of memory",
    "invalid argument",
    "limit reached",
    "input/output error",
    "invalid JSON line",
    "JSON object without a string \"text\" field",
    "malformed model data",
    "CPU not supported",
    "internal error",
    "unsupported format or feature",
};

static const char *const STATUS_NAME[WINNOW_STATUS_COUNT_] = {
    "ok",           "end",          "nomem", "invalid_argument", "limit",    "io",
    "invalid_json", "json_no_text", "model", "platform",         "internal", "unsupported",
};

const char *winnow_status_str(winnow_status s) {
  if ((unsigned)s >= WINNOW_STATUS_COUNT_)
    return "unknown status";
  return STATUS_STR[s];
}

const char *winnow_status_name(winnow_status s) {
  if ((unsigned)s >= WINNOW_STATUS_COUNT_)
    return "unknown";
  return STATUS_NAME[s];
}

const char *winnow_label_str(winnow_label l) {
  switch (l) {
  case WINNOW_LABEL_CONTENT: return "content";
  case WINNOW_LABEL_CHROME: return "chrome";
  case WINNOW_LABEL_SPAM: return "spam";
  }
  return "unknown";
}

const char *winnow_reason_str(winnow_reason r) {
  switch (r) {
  case WINNOW_REASON_NONE: return "none";
  case WINNOW_REASON_PROSE: return "prose";
  case WINNOW_REASON_TITLE: return "title";
  case WINNOW_REASON_IN_BODY: return "in-body";
  case WINNOW_REASON_ALL_SHORT: return "short-line-page";
  case WINNOW_REASON_LEXICON: return "ui-vocabulary";
  case WINNOW_REASON_BREADCRUMB: return "breadcrumb";
  case WINNOW_REASON_NAV_LIST: return "nav-list";
  case WINNOW_REASON_CHROME_ZONE: return "chrome-zone";
  case WINNOW_REASON_DECORATION: return "decoration";
  case WINNOW_REASON_COPYRIGHT: return "copyright";
  case WINNOW_REASON_META_DATE: return "metadata-date";
  case WINNOW_REASON_META_SOURCE: return "metadata-source";
  case WINNOW_REASON_META_AUTHOR: return "metadata-author";
  case WINNOW_REASON_META_EDITOR: return "metadata-editor";
  case WINNOW_REASON_LINK_FARM: return "link-farm";
  case WINNOW_REASON_SPAM_RUN: return "spam-title-run";
  case WINNOW_REASON_COUNT_: break;
  }
  return "unknown";
}

const char *winnow_script_str(winnow_script s) {
  static const char *const N[WINNOW_SCRIPT_COUNT_] = {"Zzzz", "zh-Hans", "zh-Hant", "Hani", "Jpan",
                                                      "Kore", "Latn",    "Cyrl",    "Zyyy"};
  return (unsigned)s < WINNOW_SCRIPT_COUNT_ ? N[s] : "Zzzz";
}

const char *winnow_lexcat_str(winnow_lexcat c) {
  static const char *const N[WINNOW_LEX_COUNT_] = {
      "share", "print",    "font",      "nav",         "top",         "copyright",
      "icp",   "login",    "related",   "comment",     "ad",          "subscribe",
      "legal", "misc_ui",  "meta_date", "meta_source", "meta_author", "meta_editor",
      "adult", "gambling", "piracy",    "fraud"};
  return (unsigned)c < WINNOW_LEX_COUNT_ ? N[c] : "unknown";
}

const char *winnow_spam_kind_str(uint32_t bit) {
  switch (bit) {
  case WINNOW_SPAM_LINK_FARM: return "link-farm";
  case WINNOW_SPAM_ADULT: return "adult";
  case WINNOW_SPAM_GAMBLING: return "gambling";
  case WINNOW_SPAM_PIRACY: return "piracy";
  case WINNOW_SPAM_FRAUD: return "fraud";
  case WINNOW_SPAM_SCRIPT_MISMATCH: return "script-mismatch";
  default: return NULL;
  }
}
