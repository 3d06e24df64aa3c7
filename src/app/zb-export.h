/* zb-export.h: any list of the app saved as a workbook (.xlsx) or CSV
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"
#include "zb-table.h"

G_BEGIN_DECLS

/* Builds the table to save, in a worker thread, from the store or @data. */
typedef ZbTable *(*ZbExportBuild) (ZbStore  *store,
                                   gpointer  data,
                                   GError  **error);

void     zb_export_choose        (GtkWidget      *widget,
                                  ZbStore        *store,
                                  const char     *title,
                                  const char     *file_name,
                                  ZbExportBuild   build,
                                  gpointer        data,
                                  GDestroyNotify  data_free);
void     zb_export_save          (GtkWidget      *widget,
                                  ZbStore        *store,
                                  const char     *path,
                                  ZbExportBuild   build,
                                  gpointer        data,
                                  GDestroyNotify  data_free);
ZbTable *zb_export_built         (ZbStore        *store,
                                  gpointer        table,
                                  GError        **error);
char    *zb_export_complete_path (const char     *path,
                                  ZbTableFormat   format);

G_END_DECLS
