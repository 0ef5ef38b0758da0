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
    "malformed input record",
};

static const char *const STATUS_NAME[WINNOW_STATUS_COUNT_] = {
    "ok",           "end",          "nomem", "invalid_argument", "limit",    "io",
    "invalid_json", "json_no_text", "model", "platform",         "internal", "unsupported",
    "format",
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
  case WINNOW_REASON_HIDDEN: return "hidden";
  case WINNOW_REASON_LINK_DENSE: return "link-dense";
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

static const struct {
  const char *name;
  winnow_status status;
} ERRCLASS[WINNOW_EC_COUNT_] = {
    [WINNOW_EC_NONE] = {"none", WINNOW_OK},
    [WINNOW_EC_IO] = {"io", WINNOW_ERR_IO},
    [WINNOW_EC_NOMEM] = {"nomem", WINNOW_ERR_NOMEM},
    [WINNOW_EC_INTERNAL] = {"internal", WINNOW_ERR_INTERNAL},
    [WINNOW_EC_OUTPUT] = {"output", WINNOW_ERR_IO},
    [WINNOW_EC_INVALID_JSON] = {"invalid-json", WINNOW_ERR_JSON},
    [WINNOW_EC_JSON_NO_TEXT] = {"json-no-text", WINNOW_ERR_JSON_TEXT},
    [WINNOW_EC_RECORD_TOO_BIG] = {"record-too-big", WINNOW_ERR_LIMIT},
    [WINNOW_EC_DOC_TOO_BIG] = {"doc-too-big", WINNOW_ERR_LIMIT},
    [WINNOW_EC_TOO_MANY_BLOCKS] = {"too-many-blocks", WINNOW_ERR_LIMIT},
    [WINNOW_EC_EMPTY_INPUT] = {"empty-input", WINNOW_ERR_FORMAT},
    [WINNOW_EC_GARBAGE] = {"garbage", WINNOW_ERR_FORMAT},
    [WINNOW_EC_GZIP_TRUNCATED] = {"gzip-truncated", WINNOW_ERR_FORMAT},
    [WINNOW_EC_GZIP_CORRUPT] = {"gzip-corrupt", WINNOW_ERR_FORMAT},
    [WINNOW_EC_ZSTD_TRUNCATED] = {"zstd-truncated", WINNOW_ERR_FORMAT},
    [WINNOW_EC_ZSTD_CORRUPT] = {"zstd-corrupt", WINNOW_ERR_FORMAT},
    [WINNOW_EC_MEMBER_GARBAGE] = {"member-garbage", WINNOW_ERR_FORMAT},
    [WINNOW_EC_WARC_VERSION] = {"warc-version", WINNOW_ERR_FORMAT},
    [WINNOW_EC_CL_MISSING] = {"content-length-missing", WINNOW_ERR_FORMAT},
    [WINNOW_EC_CL_NONNUMERIC] = {"content-length-nonnumeric", WINNOW_ERR_FORMAT},
    [WINNOW_EC_CL_OVERFLOW] = {"content-length-overflow", WINNOW_ERR_FORMAT},
    [WINNOW_EC_CL_TOO_SHORT] = {"content-length-too-short", WINNOW_ERR_FORMAT},
    [WINNOW_EC_CL_TOO_LONG] = {"content-length-too-long", WINNOW_ERR_FORMAT},
    [WINNOW_EC_WARC_TRUNCATED] = {"warc-truncated", WINNOW_ERR_FORMAT},
    [WINNOW_EC_HEADER_LINE_TOO_LONG] = {"header-line-too-long", WINNOW_ERR_LIMIT},
    [WINNOW_EC_TOO_MANY_HEADERS] = {"too-many-headers", WINNOW_ERR_LIMIT},
    [WINNOW_EC_HEADER_NEWLINE] = {"header-newline", WINNOW_ERR_FORMAT},
    [WINNOW_EC_HEADER_BYTES] = {"header-bytes", WINNOW_ERR_FORMAT},
    [WINNOW_EC_HTTP] = {"http-malformed", WINNOW_ERR_FORMAT},
    [WINNOW_EC_CHUNKED] = {"chunked-framing", WINNOW_ERR_FORMAT},
    [WINNOW_EC_ENCODING_LIE] = {"encoding-lie", WINNOW_ERR_FORMAT},
    [WINNOW_EC_PAYLOAD_CORRUPT] = {"payload-corrupt", WINNOW_ERR_FORMAT},
    [WINNOW_EC_UNSUPPORTED_ENCODING] = {"unsupported-encoding", WINNOW_ERR_UNSUPPORTED},
    [WINNOW_EC_BOMB] = {"decompression-bomb", WINNOW_ERR_LIMIT},
    [WINNOW_EC_BINARY] = {"binary-payload", WINNOW_ERR_FORMAT},
    [WINNOW_EC_HTML_LIMIT] = {"html-too-deep", WINNOW_ERR_LIMIT},
    [WINNOW_EC_JSON_TOO_DEEP] = {"json-too-deep", WINNOW_ERR_LIMIT},
};

const char *winnow_errclass_str(winnow_errclass e) {
  return (unsigned)e < WINNOW_EC_COUNT_ ? ERRCLASS[e].name : "unknown";
}

winnow_status winnow_errclass_status(winnow_errclass e) {
  return (unsigned)e < WINNOW_EC_COUNT_ ? ERRCLASS[e].status : WINNOW_ERR_INTERNAL;
}

const char *winnow_drop_str(winnow_drop d) {
  static const char *const N[WINNOW_DROP_COUNT_] = {"none",        "record-type",   "content-type",
                                                    "http-status", "empty-payload", "no-content"};
  return (unsigned)d < WINNOW_DROP_COUNT_ ? N[d] : "unknown";
}

const char *winnow_rectype_str(winnow_rectype t) {
  static const char *const N[WINNOW_REC_COUNT_] = {
      "none",     "warcinfo", "response",   "resource",     "request",
      "metadata", "revisit",  "conversion", "continuation", "other"};
  return (unsigned)t < WINNOW_REC_COUNT_ ? N[t] : "other";
}

const char *winnow_warn_str(uint32_t bit) {
  switch (bit) {
  case WINNOW_WARN_LF_ONLY: return "lf-only";
  case WINNOW_WARN_ENCODING_LIE: return "encoding-lie";
  case WINNOW_WARN_TRUNCATED: return "warc-truncated-header";
  case WINNOW_WARN_CHARSET_LABEL: return "charset-overridden";
  case WINNOW_WARN_REPAIRED: return "repaired";
  case WINNOW_WARN_HTML_CUT: return "html-markup-cut";
  case WINNOW_WARN_HTML_FLAT: return "html-depth-flattened";
  }
  return NULL;
}
