// GgufFile: owns the validated bytes (a mapping or a copy) and answers typed questions about them.
#include "inference/gguf/gguf_file.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

#include "inference/gguf/gguf_impl.h"

namespace veloce {

namespace {

template <class T>
T load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

std::string_view load_string(const uint8_t* p) {
  const auto n = load<uint64_t>(p);
  return {reinterpret_cast<const char*>(p + 8), static_cast<size_t>(n)};
}

bool is_integer(GgufValueType t) {
  switch (t) {
    case GgufValueType::U8:
    case GgufValueType::I8:
    case GgufValueType::U16:
    case GgufValueType::I16:
    case GgufValueType::U32:
    case GgufValueType::I32:
    case GgufValueType::U64:
    case GgufValueType::I64: return true;
    default: return false;
  }
}

// An integer value widened without loss: unsigned types as u64, signed as i64.
struct Int {
  bool is_signed;
  uint64_t u;
  int64_t i;
};

Int load_int(GgufValueType t, const uint8_t* p) {
  switch (t) {
    case GgufValueType::U8: return {false, load<uint8_t>(p), 0};
    case GgufValueType::U16: return {false, load<uint16_t>(p), 0};
    case GgufValueType::U32: return {false, load<uint32_t>(p), 0};
    case GgufValueType::U64: return {false, load<uint64_t>(p), 0};
    case GgufValueType::I8: return {true, 0, load<int8_t>(p)};
    case GgufValueType::I16: return {true, 0, load<int16_t>(p)};
    case GgufValueType::I32: return {true, 0, load<int32_t>(p)};
    case GgufValueType::I64: return {true, 0, load<int64_t>(p)};
    default: return {false, 0, 0};
  }
}

}  // namespace

GgufFile::~GgufFile() = default;

std::unique_ptr<GgufFile> GgufFile::open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  map_file(path, *impl);
  const std::span<const uint8_t> bytes(static_cast<const uint8_t*>(impl->mapping), impl->mapping_size);
  return parse_into(path, std::move(impl), bytes);
}

std::unique_ptr<GgufFile> GgufFile::from_bytes(std::string display_name, std::span<const uint8_t> bytes) {
  auto impl = std::make_unique<Impl>();
  impl->owned.assign(bytes.begin(), bytes.end());
  const std::span<const uint8_t> owned(impl->owned.data(), impl->owned.size());
  return parse_into(std::move(display_name), std::move(impl), owned);
}

std::unique_ptr<GgufFile> GgufFile::parse_into(std::string path, std::unique_ptr<Impl> impl,
                                               std::span<const uint8_t> bytes) {
  std::unique_ptr<GgufFile> f(new GgufFile());
  f->path_ = std::move(path);
  f->size_ = bytes.size();
  ParsedGguf p = parse_gguf(f->path_, bytes.data(), bytes.size());
  f->version_ = p.version;
  f->alignment_ = p.alignment;
  f->data_offset_ = p.data_offset;
  f->tensors_ = std::move(p.tensors);
  impl->meta = std::move(p.meta);
  f->impl_ = std::move(impl);
  f->index();
  return f;
}

void GgufFile::index() {
  impl_->meta_by_key.reserve(impl_->meta.size());
  for (size_t i = 0; i < impl_->meta.size(); ++i) impl_->meta_by_key.emplace(impl_->meta[i].key, i);
  impl_->tensor_by_name.reserve(tensors_.size());
  // Names are views of the TensorInfo strings, which no longer move once tensors_ is final.
  for (size_t i = 0; i < tensors_.size(); ++i) impl_->tensor_by_name.emplace(tensors_[i].name, i);
}

namespace {
const MetaEntry* find_entry(const GgufFile::Impl& impl, std::string_view key) {
  auto it = impl.meta_by_key.find(key);
  return it == impl.meta_by_key.end() ? nullptr : &impl.meta[it->second];
}

[[noreturn]] void type_error(const std::string& path, std::string_view key, std::string_view expected, const MetaEntry& e) {
  std::string found(value_type_name(e.type));
  if (e.type == GgufValueType::ARRAY) found = "array of " + std::string(value_type_name(e.elem_type));
  throw GgufError(path + ": key '" + std::string(key) + "': expected " + std::string(expected) + ", found " + found);
}
}  // namespace

bool GgufFile::has(std::string_view key) const { return find_entry(*impl_, key) != nullptr; }

std::optional<GgufValueType> GgufFile::type_of(std::string_view key) const {
  const MetaEntry* e = find_entry(*impl_, key);
  if (!e) return std::nullopt;
  return e->type;
}

std::vector<std::string> GgufFile::keys() const {
  std::vector<std::string> out;
  out.reserve(impl_->meta.size());
  for (const MetaEntry& e : impl_->meta) out.emplace_back(e.key);
  return out;
}

std::optional<uint64_t> GgufFile::get_uint(std::string_view key) const {
  const MetaEntry* e = find_entry(*impl_, key);
  if (!e) return std::nullopt;
  if (!is_integer(e->type)) type_error(path_, key, "an unsigned integer", *e);
  const Int v = load_int(e->type, e->value);
  if (v.is_signed && v.i < 0)
    throw GgufError(path_ + ": key '" + std::string(key) + "': expected an unsigned integer, found " + std::to_string(v.i));
  return v.is_signed ? static_cast<uint64_t>(v.i) : v.u;
}

std::optional<int64_t> GgufFile::get_int(std::string_view key) const {
  const MetaEntry* e = find_entry(*impl_, key);
  if (!e) return std::nullopt;
  if (!is_integer(e->type)) type_error(path_, key, "an integer", *e);
  const Int v = load_int(e->type, e->value);
  if (!v.is_signed && v.u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    throw GgufError(path_ + ": key '" + std::string(key) + "': " + std::to_string(v.u) +
                    " does not fit a signed 64-bit integer");
  return v.is_signed ? v.i : static_cast<int64_t>(v.u);
}

std::optional<double> GgufFile::get_float(std::string_view key) const {
  const MetaEntry* e = find_entry(*impl_, key);
  if (!e) return std::nullopt;
  if (e->type == GgufValueType::F32) return static_cast<double>(load<float>(e->value));
  if (e->type == GgufValueType::F64) return load<double>(e->value);
  if (is_integer(e->type)) {
    const Int v = load_int(e->type, e->value);
    return v.is_signed ? static_cast<double>(v.i) : static_cast<double>(v.u);
  }
  type_error(path_, key, "a number", *e);
}

std::optional<bool> GgufFile::get_bool(std::string_view key) const {
  const MetaEntry* e = find_entry(*impl_, key);
  if (!e) return std::nullopt;
  if (e->type != GgufValueType::BOOL) type_error(path_, key, "a bool", *e);
  return *e->value != 0;
}

std::optional<std::string_view> GgufFile::get_string(std::string_view key) const {
  const MetaEntry* e = find_entry(*impl_, key);
  if (!e) return std::nullopt;
  if (e->type != GgufValueType::STRING) type_error(path_, key, "a string", *e);
  return load_string(e->value);
}

std::optional<uint64_t> GgufFile::array_size(std::string_view key) const {
  const MetaEntry* e = find_entry(*impl_, key);
  if (!e) return std::nullopt;
  if (e->type != GgufValueType::ARRAY) type_error(path_, key, "an array", *e);
  return e->count;
}

std::optional<GgufValueType> GgufFile::array_type_of(std::string_view key) const {
  const MetaEntry* e = find_entry(*impl_, key);
  if (!e) return std::nullopt;
  if (e->type != GgufValueType::ARRAY) type_error(path_, key, "an array", *e);
  return e->elem_type;
}

std::optional<std::vector<std::string_view>> GgufFile::get_string_array(std::string_view key) const {
  const MetaEntry* e = find_entry(*impl_, key);
  if (!e) return std::nullopt;
  if (e->type != GgufValueType::ARRAY || e->elem_type != GgufValueType::STRING)
    type_error(path_, key, "an array of string", *e);
  std::vector<std::string_view> out;
  out.reserve(e->count);  // the parser proved count * 8 bytes exist
  const uint8_t* p = e->value;
  for (uint64_t i = 0; i < e->count; ++i) {
    out.push_back(load_string(p));
    p += 8 + out.back().size();
  }
  return out;
}

std::optional<std::vector<int64_t>> GgufFile::get_int_array(std::string_view key) const {
  const MetaEntry* e = find_entry(*impl_, key);
  if (!e) return std::nullopt;
  if (e->type != GgufValueType::ARRAY || !is_integer(e->elem_type)) type_error(path_, key, "an array of integers", *e);
  std::vector<int64_t> out;
  out.reserve(e->count);
  const uint64_t step = scalar_size(e->elem_type);
  for (uint64_t i = 0; i < e->count; ++i) {
    const Int v = load_int(e->elem_type, e->value + i * step);
    if (!v.is_signed && v.u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      throw GgufError(path_ + ": key '" + std::string(key) + "'[" + std::to_string(i) +
                      "]: value does not fit a signed 64-bit integer");
    out.push_back(v.is_signed ? v.i : static_cast<int64_t>(v.u));
  }
  return out;
}

std::optional<std::vector<float>> GgufFile::get_float_array(std::string_view key) const {
  const MetaEntry* e = find_entry(*impl_, key);
  if (!e) return std::nullopt;
  if (e->type != GgufValueType::ARRAY || (e->elem_type != GgufValueType::F32 && e->elem_type != GgufValueType::F64))
    type_error(path_, key, "an array of float", *e);
  std::vector<float> out;
  out.reserve(e->count);
  for (uint64_t i = 0; i < e->count; ++i)
    out.push_back(e->elem_type == GgufValueType::F32 ? load<float>(e->value + i * 4)
                                                     : static_cast<float>(load<double>(e->value + i * 8)));
  return out;
}

namespace {
std::string describe_scalar(GgufValueType t, const uint8_t* p) {
  std::ostringstream os;
  switch (t) {
    case GgufValueType::F32: os << load<float>(p); break;
    case GgufValueType::F64: os << load<double>(p); break;
    case GgufValueType::BOOL: os << (*p ? "true" : "false"); break;
    case GgufValueType::STRING: {
      std::string_view s = load_string(p);
      constexpr size_t k_max = 60;
      std::string shown(s.substr(0, k_max));
      for (char& c : shown)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
      os << '"' << shown << (s.size() > k_max ? "...\"" : "\"");
      break;
    }
    default: {
      const Int v = load_int(t, p);
      if (v.is_signed) os << v.i;
      else os << v.u;
    }
  }
  return os.str();
}
}  // namespace

std::string GgufFile::describe(std::string_view key) const {
  const MetaEntry* e = find_entry(*impl_, key);
  if (!e) return "(absent)";
  if (e->type != GgufValueType::ARRAY) return describe_scalar(e->type, e->value);
  std::string out = "[";
  out += value_type_name(e->elem_type);
  out += " x " + std::to_string(e->count) + "]";
  constexpr uint64_t k_shown = 3;
  const uint8_t* p = e->value;
  for (uint64_t i = 0; i < e->count && i < k_shown; ++i) {
    out += i == 0 ? " " : ", ";
    out += describe_scalar(e->elem_type, p);
    p += e->elem_type == GgufValueType::STRING ? 8 + load<uint64_t>(p) : scalar_size(e->elem_type);
  }
  if (e->count > k_shown) out += ", ...";
  return out;
}

const TensorInfo* GgufFile::find_tensor(std::string_view name) const {
  auto it = impl_->tensor_by_name.find(name);
  return it == impl_->tensor_by_name.end() ? nullptr : &tensors_[it->second];
}

namespace {
std::string shape_string(std::span<const uint64_t> dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}
}  // namespace

const TensorInfo& GgufFile::require_tensor(std::string_view name, std::span<const uint64_t> shape,
                                           std::span<const GgmlType> allowed_types) const {
  const std::string field = path_ + ": tensor '" + std::string(name) + "': ";
  const TensorInfo* t = find_tensor(name);
  if (!t) throw GgufError(field + "missing (expected shape " + shape_string(shape) + ")");
  const std::span<const uint64_t> actual(t->ne.data(), t->n_dims);
  if (actual.size() != shape.size() || !std::equal(actual.begin(), actual.end(), shape.begin()))
    throw GgufError(field + "shape " + shape_string(actual) + ", expected " + shape_string(shape));
  for (GgmlType a : allowed_types)
    if (a == t->type) return *t;
  std::string allowed;
  for (GgmlType a : allowed_types) allowed += (allowed.empty() ? "" : ", ") + std::string(type_info(a).name);
  throw GgufError(field + "type " + std::string(type_info(t->type).name) + " is not allowed here (expected " + allowed +
                  ")");
}

}  // namespace veloce
