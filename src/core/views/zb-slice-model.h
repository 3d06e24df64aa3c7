/* zb-slice-model.h: the rows of a list model in sight, moved a few at a time
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ZB_TYPE_SLICE_MODEL (zb_slice_model_get_type ())

G_DECLARE_FINAL_TYPE (ZbSliceModel, zb_slice_model, ZB, SLICE_MODEL, GObject)

ZbSliceModel *zb_slice_model_new        (GListModel   *model,
                                         guint         offset,
                                         guint         size);
void          zb_slice_model_set_offset (ZbSliceModel *self,
                                         guint         offset);
guint         zb_slice_model_get_offset (ZbSliceModel *self);
void          zb_slice_model_set_size   (ZbSliceModel *self,
                                         guint         size);
guint         zb_slice_model_get_size   (ZbSliceModel *self);

G_END_DECLS
