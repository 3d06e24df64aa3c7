/* zb-outbox-entry.h: one local change waiting for the server, or refused by it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZB_TYPE_OUTBOX_ENTRY (zb_outbox_entry_get_type ())

G_DECLARE_FINAL_TYPE (ZbOutboxEntry, zb_outbox_entry, ZB, OUTBOX_ENTRY, GObject)

ZbOutboxEntry      *zb_outbox_entry_new              (gint64         op_id,
                                                      const char    *table_name,
                                                      const char    *row_id,
                                                      const char    *op,
                                                      const char    *columns,
                                                      gint64         base_revision,
                                                      const char    *resolves,
                                                      const char    *created_at);
void                zb_outbox_entry_set_rejection    (ZbOutboxEntry *self,
                                                      const char    *error_code,
                                                      const char    *reason,
                                                      const char    *fields,
                                                      const char    *rejected_at);
gint64              zb_outbox_entry_get_op_id        (ZbOutboxEntry *self);
const char         *zb_outbox_entry_get_table_name   (ZbOutboxEntry *self);
const char         *zb_outbox_entry_get_row_id       (ZbOutboxEntry *self);
const char         *zb_outbox_entry_get_op           (ZbOutboxEntry *self);
const char * const *zb_outbox_entry_get_columns      (ZbOutboxEntry *self);
gint64              zb_outbox_entry_get_base_revision (ZbOutboxEntry *self);
const char         *zb_outbox_entry_get_resolves     (ZbOutboxEntry *self);
const char         *zb_outbox_entry_get_created_at   (ZbOutboxEntry *self);
const char         *zb_outbox_entry_get_error_code   (ZbOutboxEntry *self);
const char         *zb_outbox_entry_get_reason       (ZbOutboxEntry *self);
const char         *zb_outbox_entry_get_fields       (ZbOutboxEntry *self);
const char         *zb_outbox_entry_get_rejected_at  (ZbOutboxEntry *self);

G_END_DECLS
