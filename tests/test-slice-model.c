/* test-slice-model.c: the roster's rows in sight (src/core/views/zb-slice-model.c)
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "zb-slice-model.h"

/* A reader of the slice that applies each change it is told of to a copy,
 * taking the added items from the slice as it is when told: the copy must
 * always be the slice, and a move must touch only the rows that changed. */
typedef struct
{
  GListStore   *model;
  ZbSliceModel *slice;
  GListStore   *copy;
  guint         touched;
} Fixture;

static void
slice_changed_cb (GListModel *slice,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < added; i++)
    {
      gpointer item = g_list_model_get_item (slice, position + i);

      g_assert_nonnull (item);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (f->copy, position, removed, items->pdata, added);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->copy)), ==,
                    g_list_model_get_n_items (slice));
  f->touched += removed + added;
}

static void
assert_slice (Fixture *f,
              guint    offset,
              guint    size)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->model));
  guint expected = offset >= n ? 0 : MIN (size, n - offset);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->copy)), ==, expected);
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(GObject) want = g_list_model_get_item (G_LIST_MODEL (f->model), offset + i);
      g_autoptr(GObject) have = g_list_model_get_item (G_LIST_MODEL (f->copy), i);

      g_assert_true (want == have);
    }
}

static void
fill (GListStore *store,
      guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (store, item);
    }
}

static void
set_up (Fixture *f)
{
  f->model = g_list_store_new (G_TYPE_OBJECT);
  fill (f->model, 100);
  f->slice = zb_slice_model_new (g_object_ref (G_LIST_MODEL (f->model)), 0, 10);
  f->copy = g_list_store_new (G_TYPE_OBJECT);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->slice)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (f->slice), i);

      g_list_store_append (f->copy, item);
    }
  g_signal_connect (f->slice, "items-changed", G_CALLBACK (slice_changed_cb), f);
}

static void
tear_down (Fixture *f)
{
  g_clear_object (&f->slice);
  g_clear_object (&f->model);
  g_clear_object (&f->copy);
}

/* One row down: the top row goes, one comes at the bottom, and nothing
 * else is said to change; likewise up, and a resize. */
static void
test_small_moves (void)
{
  Fixture f = { 0 };

  set_up (&f);
  zb_slice_model_set_offset (f.slice, 1);
  g_assert_cmpuint (f.touched, ==, 2);
  assert_slice (&f, 1, 10);
  f.touched = 0;
  zb_slice_model_set_offset (f.slice, 4);
  g_assert_cmpuint (f.touched, ==, 6);
  assert_slice (&f, 4, 10);
  f.touched = 0;
  zb_slice_model_set_offset (f.slice, 2);
  g_assert_cmpuint (f.touched, ==, 4);
  assert_slice (&f, 2, 10);
  f.touched = 0;
  zb_slice_model_set_size (f.slice, 12);
  g_assert_cmpuint (f.touched, ==, 2);
  assert_slice (&f, 2, 12);
  f.touched = 0;
  zb_slice_model_set_size (f.slice, 5);
  g_assert_cmpuint (f.touched, ==, 7);
  assert_slice (&f, 2, 5);
  tear_down (&f);
}

/* Moves of every kind, near the ends too, with the model changing under
 * the slice: the copy is always the slice. */
static void
test_random (void)
{
  Fixture f = { 0 };
  guint offset = 0, size = 10;

  set_up (&f);
  for (guint round = 0; round < 2000; round++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (f.model));

      switch (g_test_rand_int_range (0, 10))
        {
        case 0:
          size = g_test_rand_int_range (0, 30);
          zb_slice_model_set_size (f.slice, size);
          break;
        case 1:
          {
            guint at = g_test_rand_int_range (0, n + 1);
            guint removed = g_test_rand_int_range (0, MIN (n - at, 20) + 1);
            g_autoptr(GListStore) more = g_list_store_new (G_TYPE_OBJECT);
            g_autofree gpointer *items = NULL;
            guint added = g_test_rand_int_range (0, 20);

            fill (more, added);
            items = g_new0 (gpointer, added + 1);
            for (guint i = 0; i < added; i++)
              items[i] = g_list_model_get_item (G_LIST_MODEL (more), i);
            g_list_store_splice (f.model, at, removed, items, added);
            for (guint i = 0; i < added; i++)
              g_object_unref (items[i]);
            offset = MIN (offset, g_list_model_get_n_items (G_LIST_MODEL (f.model)));
            break;
          }
        default:
          {
            /* MAX() and MIN() evaluate their arguments twice. */
            int moved = (int) offset + g_test_rand_int_range (-40, 41);

            offset = MIN ((guint) MAX (0, moved), n);
            zb_slice_model_set_offset (f.slice, offset);
            break;
          }
        }
      g_assert_cmpuint (zb_slice_model_get_offset (f.slice), ==, offset);
      assert_slice (&f, offset, size);
    }
  tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/slice-model/small-moves", test_small_moves);
  g_test_add_func ("/slice-model/random", test_random);
  return g_test_run ();
}
