/* zb-search-text.h: text as the search index sees it, in overlapping bigrams
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      *zb_search_fold          (const char          *text,
                                    GArray              *sources);
char     **zb_search_terms         (const char          *query);
char      *zb_search_bigrams       (const char * const  *fields,
                                    guint                n_fields);
char      *zb_search_match_expr    (const char * const  *terms);
gboolean   zb_search_term_is_short (const char          *term);
char      *zb_search_like_pattern  (const char          *term);
gboolean   zb_search_text_matches  (const char          *text,
                                    const char * const  *terms);
GArray    *zb_search_locate        (const char          *text,
                                    const char * const  *terms);

G_END_DECLS
