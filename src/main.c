/* main.c — parse configuration and run the requested command (see src/cli/). */
#include "cli/cli.h"
int main(int argc, char **argv) { return cli_main(argc, argv); }
