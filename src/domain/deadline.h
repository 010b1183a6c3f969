/*
 * deadline.h — statutory deadlines (tenggat) of penanganan pelanggaran.
 *
 * Pure computation, no database: the rule table (data/tenggat.csv) and the
 * holiday calendar (data/kalender/libur.csv) are loaded into memory, from the
 * shipped CSV files or row by row (so the lead can feed rows an admin edited
 * in the database). Every computed deadline carries its rule, whose `dasar`
 * names the pasal a user is shown.
 *
 * Counting convention (binding for every caller):
 *   - the start day is day 0; the N-th counted day after it is the due day,
 *     and the deadline is the end of that day (23:59);
 *   - hari_kerja counts only Monday–Friday days that are neither
 *     libur_nasional nor cuti_bersama in the calendar; the start day itself
 *     is never counted, so a start on a holiday or weekend is fine;
 *   - hari_kalender counts every day, and a due day on a holiday stays there;
 *   - jam adds N hours to the start date-time (a bare date means 00:00) and
 *     the deadline is that exact minute.
 * A deadline is missed when "now" is later than the deadline minute.
 *
 * Ownership: rules and calendars own copies of every string added; pointers
 * returned by deadline_find() and kept in deadline_result_t are borrowed from
 * the rules and die with deadline_rules_free() (or move on the next
 * deadline_rules_add(): load first, then look up).
 */
#ifndef NETRAL_DEADLINE_H
#define NETRAL_DEADLINE_H
#include <stddef.h>
#include "core/caldate.h"
#include "core/err.h"
#include "core/mem.h"

enum {
  DEADLINE_MAX_JUMLAH = 1000, /* no legal deadline is longer; bounds the day walk */
  DEADLINE_MAX_NAME = 48,     /* rezim, tahap, mulai, perpanjangan identifiers */
  DEADLINE_MAX_TEXT = 1000    /* dasar, keterangan, holiday name */
};

typedef enum {
  DEADLINE_HARI_KALENDER,
  DEADLINE_HARI_KERJA,
  DEADLINE_JAM,
  DEADLINE_UNIT__COUNT
} deadline_unit_t;

/* "hari_kalender" <-> enum; label is what users read ("hari kerja"). */
err_t deadline_unit_parse(const char *s, deadline_unit_t *out);
const char *deadline_unit_name(deadline_unit_t u);  /* borrowed, static */
const char *deadline_unit_label(deadline_unit_t u); /* borrowed, static */

typedef struct {
  const char *rezim;        /* pemilu | pilkada | semua */
  const char *tahap;        /* laporan, temuan, kajian_awal, ... */
  int jumlah;               /* 1..DEADLINE_MAX_JUMLAH */
  deadline_unit_t satuan;
  const char *mulai;        /* start event: diketahui, ditemukan, diterima, ... */
  const char *perpanjangan; /* tahap that applies when extended, "" if none */
  const char *dasar;        /* legal basis shown to users; never empty */
  int verifikasi;           /* 1: the rule is marked (verify) in the brief */
  const char *keterangan;   /* free text: unit decision, notes */
} deadline_rule_t;

typedef struct {
  deadline_rule_t *items;
  size_t count, cap;
  arena_t strings;
} deadline_rules_t;

void deadline_rules_init(deadline_rules_t *r);
void deadline_rules_free(deadline_rules_t *r);
/* Validate and copy one row (strings copied; NULL perpanjangan/keterangan ok).
 * ERR_INVALID with the field name on a bad value, ERR_CONFLICT when the
 * (rezim, tahap) pair already exists. */
err_t deadline_rules_add(deadline_rules_t *r, const deadline_rule_t *row);
/* CSV with a header row naming at least rezim,tahap,jumlah,satuan,mulai,dasar
 * (perpanjangan, verifikasi, keterangan optional). */
err_t deadline_rules_load_csv(deadline_rules_t *r, const char *data, size_t len);
/* Rule for (rezim, tahap): the rezim's own row, else the "semua" row.
 * NULL when none. Borrowed. */
const deadline_rule_t *deadline_find(const deadline_rules_t *r, const char *rezim, const char *tahap);
/* 1 for "pemilu" and "pilkada", the regimes a case can be under. */
int deadline_rezim_valid(const char *rezim);

typedef enum { DEADLINE_LIBUR_NASIONAL, DEADLINE_CUTI_BERSAMA, DEADLINE_JENIS__COUNT } deadline_jenis_t;
const char *deadline_jenis_name(deadline_jenis_t j); /* borrowed, static */

typedef struct {
  caldate_t tanggal;
  deadline_jenis_t jenis;
  const char *nama; /* owned by the calendar */
} deadline_holiday_t;

typedef struct {
  deadline_holiday_t *items; /* sorted by tanggal */
  size_t count, cap;
  arena_t strings;
} deadline_calendar_t;

void deadline_calendar_init(deadline_calendar_t *c);
void deadline_calendar_free(deadline_calendar_t *c);
/* tanggal "YYYY-MM-DD", jenis libur_nasional|cuti_bersama, nama may be NULL. */
err_t deadline_calendar_add(deadline_calendar_t *c, const char *tanggal, const char *jenis, const char *nama);
/* CSV with header tanggal,jenis,nama. */
err_t deadline_calendar_load_csv(deadline_calendar_t *c, const char *data, size_t len);
/* First holiday on d, or NULL. Borrowed. */
const deadline_holiday_t *deadline_calendar_holiday(const deadline_calendar_t *c, caldate_t d);
/* Monday–Friday and not a libur_nasional / cuti_bersama. */
int deadline_calendar_is_working_day(const deadline_calendar_t *c, caldate_t d);
/* 1 when the calendar lists at least one holiday in that year (else its
 * working days would silently ignore Idul Fitri and friends). */
int deadline_calendar_covers_year(const deadline_calendar_t *c, int year);

/* Load data/tenggat.csv and data/kalender/libur.csv (via assets_read) into
 * initialised, empty rules and calendar. */
err_t deadline_load_shipped(deadline_rules_t *r, deadline_calendar_t *c);

typedef struct {
  const deadline_rule_t *rule; /* borrowed from the rules */
  caldatetime_t mulai;         /* start as given (bare date = 00:00) */
  caldatetime_t jatuh_tempo;   /* the last minute still in time */
  caldate_t tanggal;           /* day of jatuh_tempo */
  int ada_jam;                 /* 1 for jam rules: show the time to users */
  int kalender_kurang;         /* 1: a hari_kerja count crossed a year the calendar lacks */
} deadline_result_t;

/* Apply one rule to a start. */
err_t deadline_compute(const deadline_rule_t *rule, const deadline_calendar_t *c, caldatetime_t mulai,
                       deadline_result_t *out);
/* Find the rule for (rezim, tahap) and apply it. ERR_INVALID field "rezim"
 * for an unknown regime, ERR_NOT_FOUND field "tahap" for an unknown stage. */
err_t deadline_due(const deadline_rules_t *r, const deadline_calendar_t *c, const char *rezim, const char *tahap,
                   caldatetime_t mulai, deadline_result_t *out);
/* "2024-02-19" for day rules, "2024-02-15T10:30" for jam rules. */
void deadline_format_due(const deadline_result_t *res, char *out, size_t cap);

/* A report (laporan) filed after its window is still recorded, only flagged:
 * *kedaluwarsa = 1 when diterima is after the laporan deadline counted from
 * diketahui. res (may be NULL) receives the computed window. ERR_INVALID
 * field "tanggal_diketahui" when diketahui is after diterima. */
err_t deadline_report_kedaluwarsa(const deadline_rules_t *r, const deadline_calendar_t *c, const char *rezim,
                                  caldate_t diketahui, caldate_t diterima, int *kedaluwarsa,
                                  deadline_result_t *res);

/* How close a case is to its deadline. Order matters: most urgent first. */
typedef enum {
  DEADLINE_TERLAMBAT,      /* now is after the deadline */
  DEADLINE_KURANG_24_JAM,  /* less than 24 hours left */
  DEADLINE_KURANG_3_HARI,  /* less than 3 days left */
  DEADLINE_AMAN,
  DEADLINE_STATE__COUNT
} deadline_state_t;

deadline_state_t deadline_status(caldatetime_t jatuh_tempo, caldatetime_t now);
const char *deadline_state_code(deadline_state_t s);  /* "kurang_24_jam"; borrowed */
const char *deadline_state_label(deadline_state_t s); /* "Kurang dari 24 jam"; borrowed */
#endif
