/* zb-first-item-editor.h: the first agenda item (第一议题) as it is written
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "zb-first-item.h"
#include "zb-store.h"

G_BEGIN_DECLS

#define ZB_TYPE_FIRST_ITEM_EDITOR (zb_first_item_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZbFirstItemEditor, zb_first_item_editor, ZB, FIRST_ITEM_EDITOR, GtkWidget)

/* A field finalising would refuse: where it is, its name, what it lacks. */
typedef struct
{
  GtkWidget *widget;
  char      *title;
  char      *problem;
} ZbUnfinishedField;

#define ZB_TYPE_UNFINISHED_FIELD (zb_unfinished_field_get_type ())

GType              zb_unfinished_field_get_type (void) G_GNUC_CONST;
ZbUnfinishedField *zb_unfinished_field_copy     (ZbUnfinishedField *field);
void               zb_unfinished_field_free     (ZbUnfinishedField *field);

GtkWidget   *zb_first_item_editor_new           (void);
void         zb_first_item_editor_set_item      (ZbFirstItemEditor *self,
                                                 ZbFirstItem       *first);
ZbFirstItem *zb_first_item_editor_read          (ZbFirstItemEditor *self);
void         zb_first_item_editor_set_editable  (ZbFirstItemEditor *self,
                                                 gboolean           editable);
GtkWidget   *zb_first_item_editor_add_contribution (ZbFirstItemEditor *self,
                                                    const char        *text);
void         zb_first_item_editor_remove_contribution (ZbFirstItemEditor *self,
                                                       GtkWidget         *row);
GtkWidget   *zb_first_item_editor_get_contribution_row (ZbFirstItemEditor *self,
                                                        guint              index);
GtkWidget   *zb_first_item_editor_get_leader_row (ZbFirstItemEditor *self);
void         zb_first_item_editor_set_store     (ZbFirstItemEditor *self,
                                                 ZbStore           *store,
                                                 const char        *meeting_id);
void         zb_first_item_editor_link          (ZbFirstItemEditor *self,
                                                 GtkWidget         *row,
                                                 const char        *person_id);
GPtrArray   *zb_first_item_editor_list_unfinished (ZbFirstItemEditor *self);
GtkWidget   *zb_first_item_editor_show_unfinished (ZbFirstItemEditor *self,
                                                   GtkWindow         *parent);

G_END_DECLS
