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
}  // namespace

void map_file(const std::string& path, GgufFile::Impl& impl) {
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) fail_errno(path, "open");
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) fail_errno(path, "stat");
  if (!S_ISREG(st.st_mode)) throw GgufError(path + ": file: not a regular file");
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
