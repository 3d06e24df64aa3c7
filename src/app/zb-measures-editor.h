/* zb-measures-editor.h: a meeting's implementation measures and the open
 * ones it carries from earlier meetings
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_MEASURES_EDITOR (zb_measures_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZbMeasuresEditor, zb_measures_editor, ZB, MEASURES_EDITOR, GtkWidget)

GtkWidget *zb_measures_editor_new          (ZbStore          *store,
                                            const char       *meeting_id);
void       zb_measures_editor_set_editable (ZbMeasuresEditor *self,
                                            gboolean          editable);
void       zb_measures_editor_add          (ZbMeasuresEditor *self,
                                            const char       *text,
                                            const char       *owner,
                                            const char       *due_date);
void       zb_measures_editor_complete     (ZbMeasuresEditor *self,
                                            const char       *measure_id,
                                            const char       *note);
guint      zb_measures_editor_get_n_carried (ZbMeasuresEditor *self);
void       zb_measures_editor_remove       (ZbMeasuresEditor *self,
                                            const char       *measure_id);
void       zb_measures_editor_restore      (ZbMeasuresEditor *self,
                                            const char       *measure_id);
guint      zb_measures_editor_get_n_decided (ZbMeasuresEditor *self);

AdwMessageDialog *zb_measure_done_dialog_new      (GtkWindow        *parent,
                                                   const char       *measure_text);
char             *zb_measure_done_dialog_dup_note (AdwMessageDialog *dialog);

G_END_DECLS
