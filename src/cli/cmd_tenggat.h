/*
 * cmd_tenggat.h — `netral tenggat --rezim R --tahap T --mulai TANGGAL [--json]`.
 *
 * Computes a statutory deadline from the shipped rule table and holiday
 * calendar (domain/deadline.h) and prints it in Indonesian with its legal
 * basis, or as JSON {"jatuh_tempo":…,"dasar":…,…}. Exit code: 0 ok,
 * 1 data files unreadable, 2 bad usage (the message names the flag).
 */
#ifndef NETRAL_CMD_TENGGAT_H
#define NETRAL_CMD_TENGGAT_H

#define CMD_TENGGAT_HELP "Hitung jatuh tempo tenggat penanganan pelanggaran beserta dasar hukumnya"

/* argv[0] is the command name ("tenggat"). */
int cmd_tenggat(int argc, char **argv);
#endif
