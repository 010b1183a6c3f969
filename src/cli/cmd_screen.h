/*
 * cmd_screen.h — `netral screen`: screen social-media posts (JSONL) for
 * campaign content by civil servants, or evaluate the rules on a labelled
 * file (--eval). argv[0] is "screen"; returns the process exit code.
 */
#ifndef NETRAL_CLI_CMD_SCREEN_H
#define NETRAL_CLI_CMD_SCREEN_H
int cmd_screen(int argc, char **argv);
#endif
