#define _GNU_SOURCE
#include "CPty.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

// forkpty opens both pty ends without close-on-exec. Serialising our spawns and marking the
// master close-on-exec before releasing the lock keeps one test's pty out of another test's
// child (which would stop the master from seeing hang-up when its own child exits).
static pthread_mutex_t spawn_lock = PTHREAD_MUTEX_INITIALIZER;

pid_t cpty_spawn(const char *path, char *const argv[], char *const envp[],
                 unsigned short rows, unsigned short cols, int *master_fd) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = rows;
    ws.ws_col = cols;

    int master = -1;
    pthread_mutex_lock(&spawn_lock);
    pid_t pid = forkpty(&master, NULL, NULL, &ws);
    if (pid == 0) {
        // Child: only async-signal-safe calls from here on.
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        for (int sig = 1; sig < NSIG; sig++) {
            if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
        }
        execve(path, argv, envp);
        _exit(127);
    }
    int saved = errno;
    if (pid > 0) {
        fcntl(master, F_SETFD, FD_CLOEXEC);
        int flags = fcntl(master, F_GETFL);
        if (flags != -1) fcntl(master, F_SETFL, flags | O_NONBLOCK);
        *master_fd = master;
    }
    pthread_mutex_unlock(&spawn_lock);
    errno = saved;
    return pid;
}

int cpty_set_window_size(int master_fd, unsigned short rows, unsigned short cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = rows;
    ws.ws_col = cols;
    return ioctl(master_fd, TIOCSWINSZ, &ws);
}
