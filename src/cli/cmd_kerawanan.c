/* cmd_kerawanan.c — `netral kerawanan` (see cmd_kerawanan.h). */
#include "cli/cmd_kerawanan.h"

#include <stdio.h>

#include "core/banned.h"

int cmd_kerawanan(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "netral kerawanan: belum tersedia.\n");
  return 1;
}
