/* zb-slice-model.c: the rows of a list model in sight, moved a few at a time
 *
 * GtkSliceListModel (GTK 4.8) says its whole slice changed whenever it moves,
 * and a list view then lays out and draws every row again. Moving down one
 * row here says that one row went at the top and one came at the bottom, so
 * that the rows still in sight keep their widgets: scrolling the roster
 * costs the rows that come into sight, not all of them.
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "zb-slice-model"

#include "config.h"

#include "zb-slice-model.h"

struct _ZbSliceModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       offset;
  guint       end;     /* one past the last item in the slice, within the model */
  guint       size;
};

static void zb_slice_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ZbSliceModel, zb_slice_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      zb_slice_model_list_model_init))

static GType
zb_slice_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (ZB_SLICE_MODEL (list)->model);
}

static guint
zb_slice_model_get_n_items (GListModel *list)
{
  ZbSliceModel *self = ZB_SLICE_MODEL (list);

  return self->end - self->offset;
}

static gpointer
zb_slice_model_get_item (GListModel *list,
                         guint       position)
{
  ZbSliceModel *self = ZB_SLICE_MODEL (list);

  if (position >= self->end - self->offset)
    return NULL;

  return g_list_model_get_item (self->model, self->offset + position);
}

static void
zb_slice_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = zb_slice_model_get_item_type;
  iface->get_n_items = zb_slice_model_get_n_items;
  iface->get_item = zb_slice_model_get_item;
}

/* @offset is within the model. */
static guint
end_for (ZbSliceModel *self,
         guint         offset)
{
  guint n = g_list_model_get_n_items (self->model);

  return n - offset > self->size ? offset + self->size : n;
}

/* Each change is said as it is made, so that a reader called back in
 * between finds the slice as the change left it. */
static void
change (ZbSliceModel *self,
        guint         offset,
        guint         end)
{
  guint removed = self->end - self->offset;

  self->offset = offset;
  self->end = end;
  if (removed > 0 || end > offset)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, end - offset);
}

static void
remove_top (ZbSliceModel *self,
            guint         offset)
{
  guint removed = offset - self->offset;

  self->offset = offset;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
}

static void
add_top (ZbSliceModel *self,
         guint         offset)
{
  guint added = self->offset - offset;

  self->offset = offset;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, added);
}

static void
shrink_end (ZbSliceModel *self,
            guint         end)
{
  guint removed = self->end - end;

  self->end = end;
  g_list_model_items_changed (G_LIST_MODEL (self), end - self->offset, removed, 0);
}

static void
grow_end (ZbSliceModel *self,
          guint         end)
{
  guint added = end - self->end;
  guint position = self->end - self->offset;

  self->end = end;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
}

/* The slice moves to @offset and @end: the rows that stay are never said
 * to change. */
static void
move_to (ZbSliceModel *self,
         guint         offset,
         guint         end)
{
  gboolean overlap = offset < self->end && self->offset < end;

  if (!overlap)
    {
      change (self, offset, end);
      return;
    }
  if (end < self->end)
    shrink_end (self, end);
  if (offset > self->offset)
    remove_top (self, offset);
  if (offset < self->offset)
    add_top (self, offset);
  if (end > self->end)
    grow_end (self, end);
}

/* The model itself changed (a reload, a search): the slice says it all
 * changed, as it may have. */
static void
model_changed_cb (ZbSliceModel *self,
                  guint         position,
                  guint         removed,
                  guint         added)
{
  guint n = g_list_model_get_n_items (self->model);
  guint offset = MIN (self->offset, n);

  change (self, offset, end_for (self, offset));
}

static void
zb_slice_model_dispose (GObject *object)
{
  ZbSliceModel *self = (ZbSliceModel *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (zb_slice_model_parent_class)->dispose (object);
}

static void
zb_slice_model_class_init (ZbSliceModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zb_slice_model_dispose;
}

static void
zb_slice_model_init (ZbSliceModel *self)
{
}

/* Takes @model. */
ZbSliceModel *
zb_slice_model_new (GListModel *model,
                    guint       offset,
                    guint       size)
{
  ZbSliceModel *self = g_object_new (ZB_TYPE_SLICE_MODEL, NULL);

  self->model = model;
  self->size = size;
  self->offset = MIN (offset, g_list_model_get_n_items (model));
  self->end = end_for (self, self->offset);
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (model_changed_cb), self);

  return self;
}

void
zb_slice_model_set_offset (ZbSliceModel *self,
                           guint         offset)
{
  g_return_if_fail (ZB_IS_SLICE_MODEL (self));

  offset = MIN (offset, g_list_model_get_n_items (self->model));
  if (offset != self->offset)
    move_to (self, offset, end_for (self, offset));
}

guint
zb_slice_model_get_offset (ZbSliceModel *self)
{
  return self->offset;
}

void
zb_slice_model_set_size (ZbSliceModel *self,
                         guint         size)
{
  g_return_if_fail (ZB_IS_SLICE_MODEL (self));

  self->size = size;
  if (end_for (self, self->offset) != self->end)
    move_to (self, self->offset, end_for (self, self->offset));
}

guint
zb_slice_model_get_size (ZbSliceModel *self)
{
  return self->size;
}
