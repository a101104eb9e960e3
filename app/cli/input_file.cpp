#include "app/cli/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace veloce::cli {
namespace {

[[noreturn]] void fail_errno(const std::string& path, const char* what) {
  throw std::runtime_error(path + ": " + what + ": " + std::strerror(errno));
}

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

void check_regular(const std::string& path, const struct stat& st) {
  if (!S_ISREG(st.st_mode))
    throw std::runtime_error(path + ": " + kind_of(st.st_mode) + ", not a regular file; give a text file");
}

void check_size(const std::string& path, const struct stat& st) {
  if (static_cast<unsigned long long>(st.st_size) > kMaxInputFileBytes)
    throw std::runtime_error(path + ": " + std::to_string(st.st_size) + " bytes, more than the " +
                             byte_limit_text(kMaxInputFileBytes) + " limit for a text input");
}

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string byte_limit_text(size_t bytes) {
  if (bytes >= (size_t{1} << 20) && bytes % (size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (size_t{1} << 10) && bytes % (size_t{1} << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string read_bounded(std::FILE* stream, size_t limit, const std::string& what) {
  std::string out;
  char buffer[1 << 16];
  while (true) {
    const size_t n = std::fread(buffer, 1, sizeof buffer, stream);
    // One byte past the limit is enough to know the input is too long: nothing more is read.
    if (out.size() + n > limit) throw std::runtime_error(what + " is longer than the " + byte_limit_text(limit) + " limit");
    out.append(buffer, n);
    if (n < sizeof buffer) break;
  }
  if (std::ferror(stream)) throw std::runtime_error(what + ": read error: " + std::strerror(errno));
  return out;
}

std::string read_input_file(const std::string& path) {
  // The type is checked before opening (open() of a FIFO blocks until a writer appears); the
  // fstat() after an O_NONBLOCK open covers a path swapped in between.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) fail_errno(path, "cannot open");
  check_regular(path, st);
  check_size(path, st);
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (f.fd < 0) fail_errno(path, "cannot open");
  if (::fstat(f.fd, &st) != 0) fail_errno(path, "cannot stat");
  check_regular(path, st);
  check_size(path, st);
  std::FILE* stream = ::fdopen(f.fd, "rb");
  if (!stream) fail_errno(path, "cannot open");
  f.fd = -1;  // the stream owns it now
  try {
    // Bounded again while reading: a file that grows after the check stops at the limit.
    std::string text = read_bounded(stream, kMaxInputFileBytes, path);
    std::fclose(stream);
    return text;
  } catch (...) {
    std::fclose(stream);
    throw;
  }
}

}  // namespace veloce::cli
