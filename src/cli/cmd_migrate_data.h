/*
 * cmd_migrate_data.h — `netral migrate-data --from sqlite:BERKAS --to postgres://…`
 *
 * Moves an embedded (SQLite) deployment onto PostgreSQL:
 *  1. the source must be at the latest schema version and its audit chain
 *     must verify with NETRAL_KEY_FILE (a broken chain is not carried over);
 *  2. the target is migrated (schema + reference data) and must hold no
 *     accounts, cases or audit entries yet;
 *  3. in ONE target transaction: every table of the source is emptied on the
 *     target and copied in multi-row INSERTs (up to 500 rows each), parents
 *     before children (foreign keys),
 *     rows in rowid order (the order SQLite accepted them in, so
 *     self-references such as wilayah.induk are satisfied); identity
 *     sequences continue after the largest copied id; the row count of
 *     every table is compared; `audit verify` runs on the copied chain.
 *     Any mismatch rolls the whole transaction back: the target stays empty.
 * Evidence files (NETRAL_DATA_DIR/bukti) are not in the database: copy them
 * to the instances' shared data directory separately (docs/deploy.md).
 *
 * This command speaks SQL itself (table discovery on SQLite, TRUNCATE and
 * setval on PostgreSQL): moving raw tables between backends is its job.
 * Progress (table, rows, rows/s) on stderr when it is a terminal.
 * Exit: 0 done, 1 failure (message on stderr, target unchanged), 2 usage.
 */
#ifndef NETRAL_CMD_MIGRATE_DATA_H
#define NETRAL_CMD_MIGRATE_DATA_H
int cmd_migrate_data(int argc, char **argv);
#endif
