// GgufWriter: serialises exactly what it is given. Files are written to a temporary name and
// renamed into place, so a crash or a full disk never leaves a half-written model behind.
#include "inference/gguf/gguf_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "inference/gguf/checked_math.h"

namespace veloce {

namespace {

void put_bytes(std::vector<uint8_t>& out, const void* p, size_t n) {
  // resize + memcpy rather than insert: GCC 12 warns falsely about insert into an empty vector.
  const size_t old = out.size();
  out.resize(old + n);
  if (n) std::memcpy(out.data() + old, p, n);
}
template <class T>
void put(std::vector<uint8_t>& out, T v) {
  put_bytes(out, &v, sizeof v);
}
void put_string(std::vector<uint8_t>& out, std::string_view s) {
  put<uint64_t>(out, s.size());
  put_bytes(out, s.data(), s.size());
}

std::vector<uint8_t> kv_header(const std::string& key, GgufValueType type) {
  std::vector<uint8_t> out;
  put_string(out, key);
  put<uint32_t>(out, static_cast<uint32_t>(type));
  return out;
}

constexpr size_t k_chunk = 1u << 20;

}  // namespace

GgufWriter::GgufWriter(uint32_t version, uint64_t alignment) : version_(version), alignment_(alignment) {}

void GgufWriter::set_u32(const std::string& key, uint32_t v) {
  auto b = kv_header(key, GgufValueType::U32);
  put(b, v);
  kv_.push_back(std::move(b));
}
void GgufWriter::set_i32(const std::string& key, int32_t v) {
  auto b = kv_header(key, GgufValueType::I32);
  put(b, v);
  kv_.push_back(std::move(b));
}
void GgufWriter::set_u64(const std::string& key, uint64_t v) {
  auto b = kv_header(key, GgufValueType::U64);
  put(b, v);
  kv_.push_back(std::move(b));
}
void GgufWriter::set_f32(const std::string& key, float v) {
  auto b = kv_header(key, GgufValueType::F32);
  put(b, v);
  kv_.push_back(std::move(b));
}
void GgufWriter::set_bool(const std::string& key, bool v) {
  auto b = kv_header(key, GgufValueType::BOOL);
  put<uint8_t>(b, v ? 1 : 0);
  kv_.push_back(std::move(b));
}
void GgufWriter::set_string(const std::string& key, const std::string& v) {
  auto b = kv_header(key, GgufValueType::STRING);
  put_string(b, v);
  kv_.push_back(std::move(b));
}
void GgufWriter::set_string_array(const std::string& key, const std::vector<std::string>& v) {
  auto b = kv_header(key, GgufValueType::ARRAY);
  put<uint32_t>(b, static_cast<uint32_t>(GgufValueType::STRING));
  put<uint64_t>(b, v.size());
  for (const auto& s : v) put_string(b, s);
  kv_.push_back(std::move(b));
}
void GgufWriter::set_i32_array(const std::string& key, const std::vector<int32_t>& v) {
  auto b = kv_header(key, GgufValueType::ARRAY);
  put<uint32_t>(b, static_cast<uint32_t>(GgufValueType::I32));
  put<uint64_t>(b, v.size());
  put_bytes(b, v.data(), v.size() * sizeof(int32_t));
  kv_.push_back(std::move(b));
}
void GgufWriter::set_f32_array(const std::string& key, const std::vector<float>& v) {
  auto b = kv_header(key, GgufValueType::ARRAY);
  put<uint32_t>(b, static_cast<uint32_t>(GgufValueType::F32));
  put<uint64_t>(b, v.size());
  put_bytes(b, v.data(), v.size() * sizeof(float));
  kv_.push_back(std::move(b));
}
void GgufWriter::set_raw(const std::string& key, uint32_t type_id, std::span<const uint8_t> value_bytes) {
  std::vector<uint8_t> b;
  put_string(b, key);
  put<uint32_t>(b, type_id);
  put_bytes(b, value_bytes.data(), value_bytes.size());
  kv_.push_back(std::move(b));
}

void GgufWriter::copy_key(const GgufFile& from, const std::string& key) {
  const auto type = from.type_of(key);
  if (!type) throw GgufError(from.path() + ": key '" + key + "': missing");
  // Encodes one value of type t; integers keep their width and signedness.
  auto encode = [](std::vector<uint8_t>& b, GgufValueType t, int64_t i, uint64_t u, double f) {
    switch (t) {
      case GgufValueType::U8: put<uint8_t>(b, static_cast<uint8_t>(u)); break;
      case GgufValueType::I8: put<int8_t>(b, static_cast<int8_t>(i)); break;
      case GgufValueType::U16: put<uint16_t>(b, static_cast<uint16_t>(u)); break;
      case GgufValueType::I16: put<int16_t>(b, static_cast<int16_t>(i)); break;
      case GgufValueType::U32: put<uint32_t>(b, static_cast<uint32_t>(u)); break;
      case GgufValueType::I32: put<int32_t>(b, static_cast<int32_t>(i)); break;
      case GgufValueType::U64: put<uint64_t>(b, u); break;
      case GgufValueType::I64: put<int64_t>(b, i); break;
      case GgufValueType::F32: put<float>(b, static_cast<float>(f)); break;
      case GgufValueType::F64: put<double>(b, f); break;
      default: break;
    }
  };
  auto is_unsigned = [](GgufValueType t) {
    return t == GgufValueType::U8 || t == GgufValueType::U16 || t == GgufValueType::U32 || t == GgufValueType::U64;
  };
  auto b = kv_header(key, *type);
  switch (*type) {
    case GgufValueType::STRING: put_string(b, *from.get_string(key)); break;
    case GgufValueType::BOOL: put<uint8_t>(b, *from.get_bool(key) ? 1 : 0); break;
    case GgufValueType::F32:
    case GgufValueType::F64: encode(b, *type, 0, 0, *from.get_float(key)); break;
    case GgufValueType::ARRAY: {
      const GgufValueType et = *from.array_type_of(key);
      put<uint32_t>(b, static_cast<uint32_t>(et));
      put<uint64_t>(b, *from.array_size(key));
      if (et == GgufValueType::STRING) {
        const auto values = from.get_string_array(key);  // named: a range-for over *temporary dangles
        for (std::string_view s : *values) put_string(b, s);
      } else if (et == GgufValueType::F32 || et == GgufValueType::F64) {
        const auto values = from.get_float_array(key);
        for (float f : *values) encode(b, et, 0, 0, f);
      } else if (et == GgufValueType::BOOL) {
        throw GgufError(from.path() + ": key '" + key + "': copying bool arrays is not supported");
      } else {
        const auto values = from.get_int_array(key);
        for (int64_t v : *values) encode(b, et, v, static_cast<uint64_t>(v), 0);
      }
      break;
    }
    default:
      if (is_unsigned(*type)) encode(b, *type, 0, *from.get_uint(key), 0);
      else encode(b, *type, *from.get_int(key), 0, 0);
  }
  kv_.push_back(std::move(b));
}

void GgufWriter::add_tensor(const std::string& name, GgmlType type, std::vector<uint64_t> dims,
                            std::span<const uint8_t> data) {
  Tensor t{name, type, std::move(dims), std::vector<uint8_t>(data.begin(), data.end()), data.size(), {}, false, 0};
  tensors_.push_back(std::move(t));
}

void GgufWriter::add_tensor_stream(const std::string& name, GgmlType type, std::vector<uint64_t> dims, uint64_t n_bytes,
                                   TensorFill fill) {
  Tensor t{name, type, std::move(dims), {}, n_bytes, std::move(fill), false, 0};
  tensors_.push_back(std::move(t));
}

void GgufWriter::set_tensor_offset(size_t index, uint64_t offset) {
  tensors_.at(index).offset_overridden = true;
  tensors_.at(index).offset_override = offset;
}

// A bad alignment (tests record 0, 3 or 1 GiB) is written as given but not used for the layout.
uint64_t GgufWriter::layout_alignment() const {
  return is_power_of_two(alignment_) && alignment_ <= (1u << 20) ? alignment_ : 32;
}

// Header, metadata and tensor infos, padded to the data section; offsets gets each tensor's
// position inside the data section (the laid-out one, whatever offset was recorded).
std::vector<uint8_t> GgufWriter::header_bytes(std::vector<uint64_t>& offsets) const {
  const uint64_t align = layout_alignment();
  std::vector<uint8_t> out;
  put_bytes(out, "GGUF", 4);
  put<uint32_t>(out, version_);
  put<uint64_t>(out, tensors_.size());
  put<uint64_t>(out, kv_.size() + (alignment_ != 32 ? 1 : 0));
  if (alignment_ != 32) {
    put_string(out, "general.alignment");
    put<uint32_t>(out, static_cast<uint32_t>(GgufValueType::U32));
    put<uint32_t>(out, static_cast<uint32_t>(alignment_));
  }
  for (const auto& kv : kv_) put_bytes(out, kv.data(), kv.size());
  offsets.clear();
  uint64_t pos = 0;
  for (const Tensor& t : tensors_) {
    offsets.push_back(pos);
    put_string(out, t.name);
    put<uint32_t>(out, static_cast<uint32_t>(t.dims.size()));
    for (uint64_t d : t.dims) put<uint64_t>(out, d);
    put<uint32_t>(out, static_cast<uint32_t>(t.type));
    put<uint64_t>(out, t.offset_overridden ? t.offset_override : pos);
    pos = *align_up(pos + t.n_bytes, align);
  }
  out.resize(*align_up(out.size(), align), 0);
  return out;
}

// Writes everything through sink(const uint8_t*, size_t).
template <class Sink>
void GgufWriter::emit(Sink& sink) const {
  std::vector<uint64_t> offsets;
  const std::vector<uint8_t> header = header_bytes(offsets);
  sink(header.data(), header.size());
  uint64_t pos = 0;
  std::vector<uint8_t> chunk;
  const std::vector<uint8_t> zeros(static_cast<size_t>(layout_alignment()), 0);
  for (size_t i = 0; i < tensors_.size(); ++i) {
    const Tensor& t = tensors_[i];
    if (offsets[i] > pos) sink(zeros.data(), static_cast<size_t>(offsets[i] - pos));
    if (!t.fill) {
      sink(t.data.data(), t.data.size());
    } else {
      for (uint64_t done = 0; done < t.n_bytes;) {
        const auto n = static_cast<size_t>(std::min<uint64_t>(k_chunk, t.n_bytes - done));
        chunk.resize(n);
        t.fill(std::span<uint8_t>(chunk.data(), n), done);
        sink(chunk.data(), n);
        done += n;
      }
    }
    pos = offsets[i] + t.n_bytes;
  }
}

std::vector<uint8_t> GgufWriter::to_bytes() const {
  std::vector<uint8_t> out;
  auto sink = [&](const uint8_t* p, size_t n) { out.insert(out.end(), p, p + n); };
  emit(sink);
  return out;
}

void GgufWriter::write(const std::string& path) const {
  std::string tmp = path + ".tmp.XXXXXX";
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) throw GgufError(path + ": create temporary file: " + std::strerror(errno));
  FILE* f = ::fdopen(fd, "wb");
  if (!f) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw GgufError(path + ": open temporary file: " + std::strerror(errno));
  }
  auto fail = [&](const char* what) {
    const int err = errno;
    std::fclose(f);
    ::unlink(tmp.c_str());
    throw GgufError(path + ": " + what + ": " + std::strerror(err));
  };
  bool ok = true;
  auto sink = [&](const uint8_t* p, size_t n) {
    if (ok && n && std::fwrite(p, 1, n, f) != n) ok = false;
  };
  try {
    emit(sink);
  } catch (...) {
    std::fclose(f);
    ::unlink(tmp.c_str());
    throw;
  }
  if (!ok) fail("write");
  if (std::fflush(f) != 0) fail("write");
  if (::fsync(::fileno(f)) != 0) fail("fsync");
  // mkstemp creates 0600; a model file is ordinary data.
  ::fchmod(::fileno(f), 0644);
  if (std::fclose(f) != 0) {
    ::unlink(tmp.c_str());
    throw GgufError(path + ": close: " + std::strerror(errno));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw GgufError(path + ": rename: " + std::strerror(err));
  }
}

}  // namespace veloce
