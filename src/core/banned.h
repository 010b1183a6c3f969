/*
 * banned.h — unsafe libc calls cannot be used in Netral sources.
 * Include it after all system headers. Use snprintf, memcpy with explicit
 * lengths, and strtol/strtoll with end checks instead. `make lint` also greps
 * src/ for these names so a file that forgets the include is still caught.
 */
#ifndef NETRAL_BANNED_H
#define NETRAL_BANNED_H
#pragma GCC poison strcpy strcat sprintf gets strtok atoi
#endif
