/*
 * cmd_backup.h — `netral backup BERKAS [--dengan-kunci]` and
 * `netral restore BERKAS [--paksa]`.
 *
 * The backup is one POSIX ustar archive (`tar tvf BERKAS` lists it, `tar xf`
 * unpacks it by hand) with these members, in this order:
 *   netral.db               SQLite online backup (sqlite3_backup_*) of
 *                           NETRAL_DB: a consistent snapshot even while the
 *                           server writes; journal mode DELETE, one file
 *   bukti/XX/<sha256>       every evidence file under NETRAL_DATA_DIR/bukti
 *                           as it is on disk: encrypted (evidence.h), so the
 *                           name is the SHA-256 of the plaintext while the
 *                           manifest line is that of the bytes; taken after
 *                           the snapshot, and evidence is never deleted, so
 *                           every file the snapshot names is in
 *   netral.key              only with --dengan-kunci (see docs/keamanan.md)
 *   MANIFEST.sha256         "<sha256>  <member>" per line, the format of
 *                           `sha256sum -c`; written last
 * The archive is written to a temp file next to BERKAS and renamed into place
 * after fsync, so BERKAS is either the old file or a complete backup.
 *
 * Restore reads member by member into temp files next to their final place,
 * hashing as it goes; only names of the shapes above are accepted (no path
 * can escape), every member must be in the manifest with its hash and every
 * manifest line must have its member. Evidence members are opened with the
 * key (the archive's, else the one in place; without one encrypted members
 * are left unchecked) and a warning names any that does not open or match
 * its name (a warning only: the bytes are the ones backed up). Then PRAGMA
 * integrity_check on the database, and only then the move into place:
 * evidence first (additive), then the key, then the database (the commit
 * point). A non-empty database
 * or a different key file already in place is refused without --paksa.
 * The server must be stopped during restore (not during backup).
 *
 * SQLite only: a PostgreSQL database is backed up with pg_dump.
 * Exit: 0 done, 1 failure (message on stderr), 2 usage.
 */
#ifndef NETRAL_CMD_BACKUP_H
#define NETRAL_CMD_BACKUP_H
#include "core/err.h"

int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);

/* Where a restore puts the members (paths borrowed). */
typedef struct {
  const char *db;       /* netral.db goes here: the SQLite file of NETRAL_DB */
  const char *key_file; /* netral.key: NETRAL_KEY_FILE */
  const char *data_dir; /* bukti/XX/<sha256> under it: NETRAL_DATA_DIR */
} backup_dest_t;

/* The restore of `netral restore` without its lock and messages (the caller
 * holds store_sqlite_exclusive on to->db; tests/fuzz/fuzz_restore.c calls it
 * directly). ERR_INVALID with field "berkas" for an archive that is not a
 * complete, untampered backup, ERR_CONFLICT for data in the way without
 * force, ERR_IO. An archive refused while it is read or checked has moved
 * nothing into place and left no temp file (evidence directories it made
 * stay). On success *nbukti evidence files were restored, *with_key 1 when
 * the archive held the key. */
err_t cmd_backup_restore_into(const char *file, const backup_dest_t *to, int force, long *nbukti, int *with_key);
#endif
