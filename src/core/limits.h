/*
 * limits.h — every hard limit on external input, in one place (STYLE.md):
 * request structure, report and form fields, registry imports and searches,
 * screening input, files the CLI reads. A module names a limit locally
 * (enum { URAIAN_MAX = LIMIT_URAIAN_MAX }) but the number lives here.
 * Sizes an operator may tune (request body, upload, files per report, rate
 * limits) are in the configuration table (core/config.h) with defaults.
 * Included as "core/limits.h"; <limits.h> is still the C library's.
 */
#ifndef NETRAL_CORE_LIMITS_H
#define NETRAL_CORE_LIMITS_H

enum {
  /* HTTP request structure */
  LIMIT_HTTP_PARAMS = 4,                /* path parameters of a route */
  LIMIT_HTTP_QUERY = 32,                /* query parameters kept */
  LIMIT_MULTIPART_BOUNDARY = 70,        /* RFC 2046 §5.1.1 */
  LIMIT_MULTIPART_NAME = 128,           /* bytes incl. NUL; longer field names are refused */
  LIMIT_MULTIPART_FILENAME = 256,       /* bytes incl. NUL; longer filenames are truncated */
  LIMIT_MULTIPART_TYPE = 128,           /* bytes incl. NUL; longer media types are refused */
  LIMIT_MULTIPART_HEADERS = 8192,       /* bytes of header block per part */

  /* laporan and temuan */
  LIMIT_URAIAN_MIN = 20,                /* characters: shorter is not a usable description */
  LIMIT_URAIAN_MAX = 10000,             /* characters */
  LIMIT_FIELD_TEXT = 250,               /* characters of a name, place, instansi, … */
  LIMIT_LOKASI = 500,                   /* characters of an event's place description */
  LIMIT_SAKSI = 20,                     /* witnesses per report */
  LIMIT_WORKFLOW_TEXT = 4000,           /* bytes of a transition's text field */
  LIMIT_WORKFLOW_LIST = 50,             /* items of a transition's list (catalog) */
  LIMIT_CATALOG_LIST = 50,              /* catalog items chosen in one putusan */

  /* prevention */
  LIMIT_PAKTA_KETERANGAN = 2000,        /* characters */
  LIMIT_PESERTA = 1000000,              /* participants of one activity */
  LIMIT_PAKTA_TTD = 5000,               /* signatories of one pakta */

  /* registry of officials: import rows and searches */
  LIMIT_PEGAWAI_TEXT = 200,             /* characters of a registry text field */
  LIMIT_NIP = 32,                       /* bytes of a NIP as typed */
  LIMIT_QUERY_TEXT = 100,               /* characters of a search text */
  LIMIT_HALAMAN = 1000000,              /* page number */
  LIMIT_REGISTRY_ROWS = 100,            /* rows per search answer */
  LIMIT_CSV_FIELDS = 64,                /* fields per CSV row */
  LIMIT_CSV_FIELD = 64 * 1024,          /* bytes per CSV field */

  /* social-media screening */
  LIMIT_SCREEN_LINE = 1 << 20,          /* bytes of one JSONL post */
  LIMIT_SCREEN_THREADS = 64,            /* --threads */

  /* audit log page */
  LIMIT_AUDITLOG_ROWS = 500,            /* entries per answer */

  /* files the CLI reads */
  LIMIT_RECEIPT_FILE = 64 * 1024,       /* a receipt is < 1 KB */
  LIMIT_MANIFEST = 64 * 1024 * 1024,    /* MANIFEST.sha256 of a backup */

  /* stored files */
  LIMIT_EVIDENCE_READ = 1 << 30,        /* bytes of a stored evidence file read (decrypted) whole into memory */
};
#endif
