/*
 * csv.h — RFC 4180 CSV reader over a buffer or a stream.
 *
 * Fields may be quoted ("a,b" and "" for a quote). Rows end in LF or CRLF.
 * The callback gets the 1-based line number of the row's start and the
 * fields as borrowed NUL-terminated strings valid only during the call.
 * A callback returning non-zero stops the scan with that err_t.
 */
#ifndef NETRAL_CSV_H
#define NETRAL_CSV_H
#include "core/limits.h"
#include <stddef.h>
#include <stdio.h>
#include "core/err.h"

enum { CSV_MAX_FIELDS = LIMIT_CSV_FIELDS, CSV_MAX_FIELD = LIMIT_CSV_FIELD };

typedef err_t (*csv_row_fn)(void *ud, long line, int nf, char **fields);

/* Parse a whole buffer. */
err_t csv_parse(const char *data, size_t len, csv_row_fn fn, void *ud);
/* Parse a stream in bounded memory (one row at a time). */
err_t csv_parse_file(FILE *f, csv_row_fn fn, void *ud);
/* Index of name in a header row, or -1. */
int csv_col(int nf, char **fields, const char *name);
#endif
