/* Running LibreOffice headless. See soffice.h. */
#include "cli/soffice.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run argv with output to log; wait up to timeout seconds, and up to stall
 * seconds without progress when stall > 0 (tick, called now and then,
 * returns how much is done: a LibreOffice that converts nothing more is
 * hung; CLI_RUN_STOP to stop at once). Returns the exit status, -1 on
 * failure to run, -2 on timeout, -3 when stalled, -4 when tick stopped it. */
extern char **environ;

/* The environment with TMPDIR set to the folder holding log: what the
 * program leaves there (LibreOffice's lu*.tmp files, when it is killed) goes
 * with that folder, which vanban made for the run and removes. Built before
 * fork: a child of a threaded program may only exec. NULL when out of
 * memory (then the environment is inherited). */
static char **env_with_tmpdir(const char *log) {
  const char *slash = strrchr(log, '/');
  if (!slash || slash == log) return NULL;
  size_t n = 0;
  while (environ && environ[n])
    n++;
  char **env = calloc(n + 2, sizeof *env);
  size_t dlen = (size_t)(slash - log);
  char *tmpdir = malloc(dlen + 8);
  if (!env || !tmpdir) {
    free(env);
    free(tmpdir);
    return NULL;
  }
  memcpy(tmpdir, "TMPDIR=", 7);
  memcpy(tmpdir + 7, log, dlen);
  tmpdir[7 + dlen] = '\0';
  size_t k = 0;
  env[k++] = tmpdir;
  for (size_t i = 0; i < n; i++)
    if (strncmp(environ[i], "TMPDIR=", 7)) env[k++] = environ[i];
  env[k] = NULL;
  return env;
}

int cli_run(char **argv, const char *log, double timeout, double stall, size_t (*tick)(void *),
            void *ud) {
  char **env = env_with_tmpdir(log);
  pid_t pid = fork();
  if (pid < 0) {
    if (env) free(env[0]);
    free(env);
    return -1;
  }
  if (pid == 0) {
    setpgid(0, 0);
    int in = open("/dev/null", O_RDONLY);
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in >= 0) dup2(in, 0);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    if (env)
      execve(argv[0], argv, env);
    else
      execv(argv[0], argv);
    _exit(127);
  }
  if (env) free(env[0]);
  free(env);
  setpgid(pid, pid);
  double start = now(), deadline = start + timeout, last_progress = start;
  size_t progress = 0;
  for (;;) {
    int status;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      kill(-pid, SIGKILL); /* any helper it left behind */
      return WIFEXITED(status) ? WEXITSTATUS(status)
                               : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
    if (r < 0 && errno != EINTR) return -1;
    double t = now();
    if (tick) {
      size_t p = tick(ud);
      if (p == CLI_RUN_STOP) {
        kill(-pid, SIGKILL);
        waitpid(pid, &status, 0);
        return -4;
      }
      if (p != progress) {
        progress = p;
        last_progress = t;
      }
    }
    if (t > deadline || (stall > 0 && t - last_progress > stall)) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return t > deadline ? -2 : -3;
    }
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
}

/* rm -rf of a directory we created (no symlinks followed). */
void cli_remove_tree(const char *path) {
  DIR *dir = opendir(path);
  if (dir) {
    struct dirent *e;
    while ((e = readdir(dir))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      size_t n = strlen(path) + strlen(e->d_name) + 2;
      char *child = malloc(n);
      if (!child) abort();
      snprintf(child, n, "%s/%s", path, e->d_name);
      struct stat st;
      if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
        cli_remove_tree(child);
      else
        unlink(child);
      free(child);
    }
    closedir(dir);
  }
  rmdir(path);
}

/* file:// URL of an absolute path, percent-encoding what URLs cannot hold. */
void cli_file_url(const char *path, char *out, size_t outlen) {
  size_t j = (size_t)snprintf(out, outlen, "file://");
  for (const unsigned char *p = (const unsigned char *)path; *p && j + 4 < outlen; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
        strchr("/-._~", *p))
      out[j++] = (char)*p;
    else
      j += (size_t)snprintf(out + j, outlen - j, "%%%02X", *p);
  }
  out[j] = '\0';
}
