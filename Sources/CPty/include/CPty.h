// Spawning a child process on a pseudo-terminal, for end-to-end terminal tests.
#ifndef CPTY_H
#define CPTY_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Forks `path` (executed with execve, no PATH search) on a new pseudo-terminal of
/// `rows` x `cols`. `argv` and `envp` are NULL-terminated. The child becomes a session leader
/// with the pty as its controlling terminal and stdin/stdout/stderr, default signal
/// dispositions and an empty signal mask.
/// On success returns the child's pid and stores the master side in *master_fd
/// (close-on-exec, non-blocking). On failure returns -1 with errno set.
pid_t cpty_spawn(const char *path, char *const argv[], char *const envp[],
                 unsigned short rows, unsigned short cols, int *master_fd);

/// Sets the window size of the pty behind `master_fd` (the child gets SIGWINCH). 0 or -1.
int cpty_set_window_size(int master_fd, unsigned short rows, unsigned short cols);

#ifdef __cplusplus
}
#endif

#endif
