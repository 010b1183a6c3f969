/*
 * cmd_import.h — `netral import pegawai BERKAS.csv [--batch N] [--ditolak BERKAS]`.
 *
 * Streams the registry CSV (domain/pegawai.h) into the database. Progress
 * goes to stderr when stderr is a terminal; one final line always goes to
 * stdout: "Selesai: N baris diimpor (M baru, K diperbarui), X ditolak".
 * Refused rows go to BERKAS.ditolak.csv (columns baris, alasan, then the
 * original columns, so the file can be corrected and imported again).
 * Exit: 0 all rows imported, 3 some rows refused, 1 failure, 2 usage.
 */
#ifndef NETRAL_CMD_IMPORT_H
#define NETRAL_CMD_IMPORT_H
int cmd_import(int argc, char **argv);
#endif
