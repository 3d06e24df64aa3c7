/* zb-sync-protocol.h: the limits, errors and JSON rules of the sync protocol (PROTOCOL.md)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* PROTOCOL.md, Versioning and Limits: both sides build on these. */
#define ZB_SYNC_PROTOCOL          1
#define ZB_SYNC_MAX_OPS           500                  /* ops in one push */
#define ZB_SYNC_MAX_BODY          (1024 * 1024)        /* a request body as sent, gzip */
#define ZB_SYNC_MAX_DECODED       (16 * 1024 * 1024)   /* any body, decompressed */
#define ZB_SYNC_MAX_OP_BYTES      (512 * 1024)         /* one op's JSON */
#define ZB_SYNC_PAGE_SIZE         500                  /* changes in one page, default and most */
#define ZB_SYNC_MAX_PAGE_BYTES    (8 * 1024 * 1024)    /* one page's JSON, past its first change */
#define ZB_SYNC_MAX_JSON_DEPTH    16                   /* nested arrays and objects */
#define ZB_SYNC_MAX_NAME          64                   /* a table or column name, in bytes */
#define ZB_SYNC_MAX_ID            128                  /* a row or conflict ID, in bytes */
#define ZB_SYNC_MAX_ENROL_BODY    (64 * 1024)          /* POST /v1/enrol, as received */

#define ZB_SYNC_ERROR (zb_sync_error_quark ())

/* Each has its HTTP status and its code in error bodies (PROTOCOL.md, Errors). */
typedef enum
{
  ZB_SYNC_ERROR_MALFORMED,              /* 400 malformed */
  ZB_SYNC_ERROR_UNSUPPORTED_PROTOCOL,   /* 400 unsupported_protocol */
  ZB_SYNC_ERROR_UNAUTHORIZED,           /* 401 unauthorized */
  ZB_SYNC_ERROR_ENROLMENT_REFUSED,      /* 401 enrolment_refused */
  ZB_SYNC_ERROR_FORBIDDEN,              /* 403 forbidden */
  ZB_SYNC_ERROR_NOT_FOUND,              /* 404 not_found */
  ZB_SYNC_ERROR_METHOD_NOT_ALLOWED,     /* 405 method_not_allowed */
  ZB_SYNC_ERROR_OP_ID_REUSED,           /* 409 op_id_reused */
  ZB_SYNC_ERROR_DEVICE_IN_OTHER_BRANCH, /* 409 device_in_other_branch */
  ZB_SYNC_ERROR_CHECKPOINT_AHEAD,       /* 409 checkpoint_ahead */
  ZB_SYNC_ERROR_TOO_LARGE,              /* 413 too_large */
  ZB_SYNC_ERROR_TOO_MANY_OPS,           /* 413 too_many_ops */
  ZB_SYNC_ERROR_UNSUPPORTED_ENCODING,   /* 415 unsupported_encoding */
  ZB_SYNC_ERROR_INTERNAL,               /* 500 internal: try again later */
  ZB_SYNC_ERROR_UNAVAILABLE,            /* 503 unavailable: try again later */
  ZB_SYNC_ERROR_DEVICE_ENROLLED,        /* 409 device_enrolled: reset it first */
  ZB_SYNC_ERROR_RATE_LIMITED,           /* 429 rate_limited: try again after Retry-After */
} ZbSyncError;

GQuark      zb_sync_error_quark         (void);
const char *zb_sync_error_code          (const GError  *error);
guint       zb_sync_error_http_status   (const GError  *error);
gboolean    zb_sync_error_is_transient  (const GError  *error);
GBytes     *zb_sync_error_body_new      (const GError  *error);
GError     *zb_sync_error_from_response (guint          status,
                                         GBytes        *body);

JsonNode   *zb_sync_parse_json          (GBytes        *json,
                                         GError       **error);
GBytes     *zb_sync_json_to_bytes       (JsonNode      *node);
JsonNode   *zb_sync_node_take_object    (JsonObject    *object);
gboolean    zb_sync_check_protocol      (JsonObject    *object,
                                         GError       **error);
const char *zb_sync_get_string          (JsonObject    *object,
                                         const char    *member);
gboolean    zb_sync_is_name             (const char    *text);
gboolean    zb_sync_is_id               (const char    *text);

JsonObject *zb_sync_parse_object        (GBytes        *json,
                                         JsonNode     **root,
                                         GError       **error);
gboolean    zb_sync_read_int            (JsonObject    *object,
                                         const char    *where,
                                         const char    *member,
                                         gint64         min,
                                         gint64        *value,
                                         GError       **error);
gboolean    zb_sync_read_bool           (JsonObject    *object,
                                         const char    *where,
                                         const char    *member,
                                         gboolean      *value,
                                         GError       **error);
gboolean    zb_sync_read_string         (JsonObject    *object,
                                         const char    *where,
                                         const char    *member,
                                         gboolean       optional,
                                         const char   **value,
                                         GError       **error);
gboolean    zb_sync_read_name           (JsonObject    *object,
                                         const char    *where,
                                         const char    *member,
                                         const char   **value,
                                         GError       **error);
gboolean    zb_sync_read_id             (JsonObject    *object,
                                         const char    *where,
                                         const char    *member,
                                         const char   **value,
                                         GError       **error);
gboolean    zb_sync_read_object         (JsonObject    *object,
                                         const char    *where,
                                         const char    *member,
                                         gboolean       optional,
                                         JsonObject   **value,
                                         GError       **error);
gboolean    zb_sync_read_array          (JsonObject    *object,
                                         const char    *where,
                                         const char    *member,
                                         JsonArray    **value,
                                         GError       **error);
gboolean    zb_sync_check_value         (JsonNode      *value,
                                         const char    *where,
                                         const char    *member,
                                         GError       **error);
gboolean    zb_sync_check_fields        (JsonObject    *fields,
                                         const char    *where,
                                         GError       **error);

G_END_DECLS
