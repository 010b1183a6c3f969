/*
 * cmd_kerawanan.h — `netral kerawanan --tingkat kabkota|kecamatan|desa|opd
 * --wilayah KODE [--json] [--rinci]`: the vulnerability index (domain/kerawanan.h) of
 * every unit of that level within KODE, ranked, with each indicator's raw
 * value, normalised value, weight and contribution (--rinci or --json).
 * Exit: 0 ok, 1 failure, 2 usage.
 */
#ifndef NETRAL_CMD_KERAWANAN_H
#define NETRAL_CMD_KERAWANAN_H
int cmd_kerawanan(int argc, char **argv);
#endif
