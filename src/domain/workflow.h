/*
 * workflow.h — the case workflow (penanganan pelanggaran) as a transition
 * table. Adding a step is adding a row in workflow.c; nothing else branches
 * on states.
 *
 * Entry points (workflow_initial):
 *   laporan         -> diterima        (deadline stage "kajian_awal" starts at receipt,
 *                                        Perbawaslu 7/2022 Ps 15(1))
 *   temuan          -> temuan          (stage "temuan", UU 7/2017 Ps 454(5))
 *   informasi_awal  -> informasi_awal  (anonymous or incomplete tip; no deadline)
 *
 * The graph (roles: P pkd, C panwascam, B bawaslu, D pemda, K bkn; admin may
 * do everything):
 *   informasi_awal -> temuan                 PCB   an informasi awal becomes a temuan
 *   informasi_awal -> tidak_diregistrasi     CB    alasan
 *   temuan         -> diregistrasi           CB    starts "penanganan"
 *   temuan         -> tidak_diregistrasi     CB    alasan
 *   diterima       -> kajian_awal            PCB
 *   kajian_awal    -> perlu_dilengkapi       PCB   kekurangan
 *   perlu_dilengkapi -> kajian_awal          PCB   restarts "kajian_awal"
 *   kajian_awal | perlu_dilengkapi -> tidak_diregistrasi  CB  alasan
 *   kajian_awal    -> diregistrasi           CB    starts "penanganan"
 *   diregistrasi   -> klarifikasi            CB
 *   klarifikasi    -> kajian                 CB
 *   kajian         -> klarifikasi            CB    alasan; starts "penanganan_diperpanjang"
 *   kajian         -> putusan                CB    jenis_putusan, katalog (when a violation
 *                                                  other than kode_etik_penyelenggara)
 *   putusan        -> diteruskan             CB    jenis_putusan (a violation), penerima,
 *                                                  nomor, tanggal; starts "tindak_lanjut_ppk"
 *                                                  ("pidana_ke_polisi" when penerima = gakkumdu)
 *   putusan        -> selesai                CB    jenis_putusan = bukan_pelanggaran
 *   diteruskan     -> ditindaklanjuti        DKB   jenis_sanksi, nomor_sk, tanggal_sk, pejabat
 *   diteruskan     -> tidak_ditindaklanjuti  DKB   alasan
 *   tidak_ditindaklanjuti -> diteruskan      CB    penerima, nomor, tanggal (forward again)
 *   ditindaklanjuti | tidak_ditindaklanjuti -> selesai  CB
 * tidak_diregistrasi and selesai are final.
 *
 * Role decisions: PKD may take in and pre-check reports (start kajian awal,
 * ask for completion) and turn an informasi awal into a temuan, but
 * registration and everything that decides a case belongs to Panwaslu
 * Kecamatan and Bawaslu kab/kota (UU 7/2017 Ps 454, Perbawaslu 7/2022).
 * The sanction follow-up is recorded by the receiving side (pemda for its
 * ASN, BKN) and also by Bawaslu, because Ankum, Propam, Gakkumdu and DKPP
 * have no users here and answer Bawaslu by letter. Admin may do every
 * transition (correcting mistakes); wilayah scope is checked by the caller.
 *
 * Context fields: "jenis_putusan" on the transitions out of putusan is the
 * STORED decision, not user input; the case module must set it in the
 * fields object (overwriting any client value) before calling
 * workflow_check. "penerima" is checked here only for shape (a lowercase
 * code); the caller checks it exists with catalog_otoritas_find(), and
 * checks "katalog" items against the subject with catalog_check_list().
 */
#ifndef NETRAL_WORKFLOW_H
#define NETRAL_WORKFLOW_H
#include "core/limits.h"
#include <stddef.h>
#include <jansson.h>
#include "core/err.h"
#include "domain/role.h"

#define WORKFLOW_STATES(X)                                          \
  X(INFORMASI_AWAL, "informasi_awal", "Informasi awal", 0)          \
  X(TEMUAN, "temuan", "Temuan", 0)                                  \
  X(DITERIMA, "diterima", "Laporan diterima", 0)                    \
  X(KAJIAN_AWAL, "kajian_awal", "Kajian awal", 0)                   \
  X(PERLU_DILENGKAPI, "perlu_dilengkapi", "Perlu dilengkapi", 0)    \
  X(TIDAK_DIREGISTRASI, "tidak_diregistrasi", "Tidak diregistrasi", 1) \
  X(DIREGISTRASI, "diregistrasi", "Diregistrasi", 0)                \
  X(KLARIFIKASI, "klarifikasi", "Klarifikasi", 0)                   \
  X(KAJIAN, "kajian", "Kajian", 0)                                  \
  X(PUTUSAN, "putusan", "Putusan", 0)                               \
  X(DITERUSKAN, "diteruskan", "Diteruskan kepada instansi berwenang", 0) \
  X(DITINDAKLANJUTI, "ditindaklanjuti", "Ditindaklanjuti", 0)       \
  X(TIDAK_DITINDAKLANJUTI, "tidak_ditindaklanjuti", "Tidak ditindaklanjuti", 0) \
  X(SELESAI, "selesai", "Selesai", 1)

typedef enum {
#define X(id, name, label, final) WORKFLOW_##id,
  WORKFLOW_STATES(X)
#undef X
  WORKFLOW__COUNT
} workflow_state_t;

typedef enum {
  WORKFLOW_FIELD_TEXT, /* non-empty string, at most WORKFLOW_TEXT_MAX bytes */
  WORKFLOW_FIELD_ENUM, /* one of values */
  WORKFLOW_FIELD_DATE, /* YYYY-MM-DD, a real date */
  WORKFLOW_FIELD_LIST, /* non-empty array of non-empty strings */
  WORKFLOW_FIELD_CODE, /* lowercase code [a-z0-9_]+ */
} workflow_ftype_t;

enum { WORKFLOW_TEXT_MAX = LIMIT_WORKFLOW_TEXT, WORKFLOW_LIST_MAX = LIMIT_WORKFLOW_LIST };

typedef struct {
  const char *name;            /* JSON member of the request */
  const char *label;           /* Indonesian, for messages and forms */
  workflow_ftype_t type;
  const char *const *values;   /* ENUM: allowed values, NULL-terminated */
  const char *if_field;        /* required only when if_field's value is in if_values */
  const char *const *if_values;
} workflow_field_t;

typedef struct {
  workflow_state_t from, to;
  unsigned roles;                 /* role_t bits allowed */
  const char *aksi;               /* Indonesian button label */
  const workflow_field_t *fields; /* required fields, terminated by {NULL} */
  const char *tahap;              /* deadline stage started (data/tenggat.csv), NULL: none */
  const char *dasar;              /* legal source shown to the officer */
} workflow_transition_t;

const char *workflow_state_name(workflow_state_t s);  /* "kajian_awal"; static */
const char *workflow_state_label(workflow_state_t s); /* "Kajian awal"; static */
int workflow_state_final(workflow_state_t s);
/* ERR_INVALID with field "ke" when name is not a state. */
err_t workflow_state_parse(const char *name, workflow_state_t *out);

/* Entry state and first deadline stage (may be NULL) for jenis laporan,
 * temuan or informasi_awal; ERR_INVALID field "jenis" otherwise. */
err_t workflow_initial(const char *jenis, workflow_state_t *state, const char **tahap);

/* The transition row from -> to, or NULL (borrowed, static). */
const workflow_transition_t *workflow_find(workflow_state_t from, workflow_state_t to);
/* All rows (static); *n gets the count. */
const workflow_transition_t *workflow_table(size_t *n);

/* Transitions out of from that a user with role_mask may take, in table
 * order: up to cap into out; returns the total (may exceed cap). */
size_t workflow_allowed(workflow_state_t from, unsigned role_mask, const workflow_transition_t **out, size_t cap);

/* May a user with role_mask move a case from -> to with these request fields
 * (a JSON object or NULL)? ERR_OK; ERR_CONFLICT when the step does not exist
 * from this state (message lists the available actions); ERR_FORBIDDEN when
 * the roles do not allow it; ERR_INVALID naming the missing or invalid field.
 * Checked in that order. */
err_t workflow_check(workflow_state_t from, workflow_state_t to, unsigned role_mask, const json_t *fields);

/* Deadline stage an accepted transition starts, taking overrides by field
 * value into account (penerima gakkumdu -> pidana_ke_polisi). NULL: none. */
const char *workflow_tahap(const workflow_transition_t *t, const json_t *fields);
#endif
