// LD_PRELOAD library for scripts/check_no_network.sh: every socket() a program opens for the
// internet (AF_INET, AF_INET6) is appended to the file VELOCE_SOCKET_LOG names, then opened as
// usual. Local sockets (AF_UNIX: X11, D-Bus; AF_NETLINK) are not network use and are not logged.
// The program's own socket() calls, and Qt's, go through libc's symbol, which this one precedes.
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

extern "C" int socket(int domain, int type, int protocol) {
  using Real = int (*)(int, int, int);
  static Real real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "socket"));
  if (domain == AF_INET || domain == AF_INET6) {
    if (const char* path = std::getenv("VELOCE_SOCKET_LOG")) {
      const int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
      if (fd >= 0) {
        char line[96];
        const int n = std::snprintf(line, sizeof line, "pid %d socket %s\n", static_cast<int>(getpid()),
                                    domain == AF_INET ? "AF_INET" : "AF_INET6");
        if (n > 0) (void)!write(fd, line, static_cast<size_t>(n));
        close(fd);
      }
    }
  }
  return real(domain, type, protocol);
}
