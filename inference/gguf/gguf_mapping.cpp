// Read-only memory mapping of a model file: the weights are used in place, never copied.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "inference/gguf/gguf_impl.h"

namespace veloce {

namespace {
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};
[[noreturn]] void fail_errno(const std::string& path, const char* what) {
  throw GgufError(path + ": " + what + ": " + std::strerror(errno));
}

// What a path names when it is not a regular file, for the error message.
const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

[[noreturn]] void fail_not_regular(const std::string& path, mode_t mode) {
  throw GgufError(path + ": file: " + kind_of(mode) + ", not a regular file; choose a .gguf model file");
}
}  // namespace

void map_file(const std::string& path, GgufFile::Impl& impl) {
  // The type is checked before opening: open() of a FIFO blocks until a writer appears (forever,
  // on the UI thread for the GUI), and opening a device can have effects of its own. O_NONBLOCK
  // and the fstat() after it cover a path swapped for a FIFO in between.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) fail_errno(path, "open");
  if (!S_ISREG(st.st_mode)) fail_not_regular(path, st.st_mode);
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (f.fd < 0) fail_errno(path, "open");
  if (::fstat(f.fd, &st) != 0) fail_errno(path, "stat");
  if (!S_ISREG(st.st_mode)) fail_not_regular(path, st.st_mode);
  const auto size = static_cast<uint64_t>(st.st_size);
  if (size < k_header_size)
    throw GgufError(path + ": header: the file is " + std::to_string(size) + " bytes, smaller than a GGUF header (" +
                    std::to_string(k_header_size) + " bytes)");
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, f.fd, 0);
  if (p == MAP_FAILED) fail_errno(path, "mmap");
  impl.mapping = p;
  impl.mapping_size = size;
}

GgufFile::Impl::~Impl() {
  if (mapping) ::munmap(mapping, mapping_size);
}

}  // namespace veloce
