#define G_LOG_DOMAIN "zb-cfb-check"

/* zb-cfb-check.c: whether an .xls file's compound-file parts fit in it
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An .xls workbook is a compound file ([MS-CFB]): a header, a table of
 * sector chains (the FAT) and a directory of parts, each with its size.
 * FreeXL 1.0.6 allocates each part's size whole before reading it: a
 * damaged 7 KB file that fuzz-xls found claimed a part of 4 GB, which
 * froze an office PC's import for as long as the allocation took. Any part
 * of a compound file lies within the file, so a size larger than the file
 * is damage, and so is a chain that leads out of the file. This walks the
 * directory as the format lays it out and measures every part; a file
 * that is no compound file at all it leaves to FreeXL, which says so.
 */

#include "config.h"

#include <string.h>

#include "zb-cfb-check.h"

#define HEADER_SIZE     512
#define ENTRY_SIZE      128
#define HEADER_DIFAT    109
#define END_OF_CHAIN    0xfffffffeu
#define MINI_CUTOFF     4096

static const guint8 signature[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         sector_size;
  GArray       *fat;         /* guint32: the next sector of each sector */
} Cfb;

static guint32
u32_at (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

/* The sector's bytes, or NULL when it lies outside the file. */
static const guint8 *
sector (const Cfb *cfb,
        guint32    number)
{
  guint64 offset = ((guint64) number + 1) * cfb->sector_size;

  if (number >= END_OF_CHAIN - 1 || offset + cfb->sector_size > cfb->length)
    return NULL;
  return cfb->data + offset;
}

static void
add_fat_sector (Cfb     *cfb,
                guint32  number)
{
  const guint8 *bytes = sector (cfb, number);

  for (gsize i = 0; bytes != NULL && i < cfb->sector_size; i += 4)
    {
      guint32 next = u32_at (bytes + i);

      g_array_append_val (cfb->fat, next);
    }
}

/* The FAT, from the sectors the header names and its DIFAT chain. */
static void
read_fat (Cfb *cfb)
{
  guint32 difat = u32_at (cfb->data + 0x44);
  gsize per_sector = cfb->sector_size / 4 - 1;
  gsize guard = cfb->length / cfb->sector_size;

  for (guint i = 0; i < HEADER_DIFAT; i++)
    {
      guint32 number = u32_at (cfb->data + 0x4c + i * 4);

      if (number < END_OF_CHAIN - 1)
        add_fat_sector (cfb, number);
    }
  while (difat < END_OF_CHAIN - 1 && guard-- > 0)
    {
      const guint8 *bytes = sector (cfb, difat);

      if (bytes == NULL)
        return;
      for (gsize i = 0; i < per_sector; i++)
        if (u32_at (bytes + i * 4) < END_OF_CHAIN - 1)
          add_fat_sector (cfb, u32_at (bytes + i * 4));
      /* A DIFAT sector's last number is the next DIFAT sector. */
      difat = u32_at (bytes + per_sector * 4);
    }
}

/* A directory entry's part, a storage, a stream or the root's mini stream,
 * no larger than the file. */
static gboolean
entry_fits (const Cfb    *cfb,
            const guint8 *entry)
{
  guint8 type = entry[0x42];
  guint32 start = u32_at (entry + 0x74);
  guint64 size = u32_at (entry + 0x78);

  /* Version 4 files keep the size's high half; version 3 leaves it to be
   * ignored ([MS-CFB] 2.6.3). */
  if (cfb->sector_size == 4096)
    size |= (guint64) u32_at (entry + 0x7c) << 32;
  if (type != 2 && type != 5)
    return type != 1 || size <= cfb->length;
  /* A stream (or the root's mini stream) starts in a sector of the file,
   * unless it is empty or small enough for the mini stream. */
  return size <= cfb->length &&
         (size == 0 || (type == 2 && size < MINI_CUTOFF) || sector (cfb, start) != NULL);
}

/**
 * zb_cfb_parts_fit:
 *
 * Returns: FALSE when a part of the compound file in @data claims to be
 *   larger than the file; TRUE otherwise, also for what is not a compound
 *   file at all (its reader says what is wrong with it)
 */
gboolean
zb_cfb_parts_fit (const guint8 *data,
                  gsize         length)
{
  g_autoptr(GArray) fat = g_array_new (FALSE, FALSE, sizeof (guint32));
  Cfb cfb = { data, length, 0, fat };
  guint shift;
  guint32 next;
  gsize guard;

  if (length < HEADER_SIZE || memcmp (data, signature, sizeof signature) != 0)
    return TRUE;
  shift = data[0x1e] | data[0x1f] << 8;
  if (shift != 9 && shift != 12)
    return TRUE;
  cfb.sector_size = (gsize) 1 << shift;
  read_fat (&cfb);

  /* The directory's chain, every link a sector of the file: FreeXL works
   * out a sector's place in 32 bits, and a number beyond the file wrapped
   * round to another part of it (a 2.7 GB root entry, found in CI's run).
   * The guard ends a chain that loops. */
  guard = length / cfb.sector_size;
  for (next = u32_at (data + 0x30); next != END_OF_CHAIN && guard-- > 0;
       next = g_array_index (fat, guint32, next))
    {
      const guint8 *bytes = sector (&cfb, next);

      if (bytes == NULL || next >= fat->len)
        return FALSE;
      for (gsize i = 0; i < cfb.sector_size; i += ENTRY_SIZE)
        if (!entry_fits (&cfb, bytes + i))
          return FALSE;
    }
  return TRUE;
}
