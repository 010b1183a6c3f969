/* commands.h — every command's entry point (one file per command in src/cli/). */
#ifndef NETRAL_COMMANDS_H
#define NETRAL_COMMANDS_H
int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_bukti(int argc, char **argv);
int cmd_kasus(int argc, char **argv);
#endif
