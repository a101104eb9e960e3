// The GGUF parser: checks RELIABILITY.md items 1-6 before anything is trusted. Each count,
// length and size is compared with the bytes that are actually left before it is used, so a
// hostile file can neither make us read past its end nor allocate more than it could justify.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <unordered_set>

#include "inference/gguf/byte_reader.h"
#include "inference/gguf/checked_math.h"
#include "inference/gguf/gguf_impl.h"

namespace veloce {

uint64_t scalar_size(GgufValueType type) {
  switch (type) {
    case GgufValueType::U8:
    case GgufValueType::I8:
    case GgufValueType::BOOL: return 1;
    case GgufValueType::U16:
    case GgufValueType::I16: return 2;
    case GgufValueType::U32:
    case GgufValueType::I32:
    case GgufValueType::F32: return 4;
    case GgufValueType::U64:
    case GgufValueType::I64:
    case GgufValueType::F64: return 8;
    case GgufValueType::STRING:
    case GgufValueType::ARRAY: return 0;
  }
  return 0;
}

std::string_view value_type_name(GgufValueType type) {
  switch (type) {
    case GgufValueType::U8: return "u8";
    case GgufValueType::I8: return "i8";
    case GgufValueType::U16: return "u16";
    case GgufValueType::I16: return "i16";
    case GgufValueType::U32: return "u32";
    case GgufValueType::I32: return "i32";
    case GgufValueType::F32: return "f32";
    case GgufValueType::BOOL: return "bool";
    case GgufValueType::STRING: return "string";
    case GgufValueType::ARRAY: return "array";
    case GgufValueType::U64: return "u64";
    case GgufValueType::I64: return "i64";
    case GgufValueType::F64: return "f64";
  }
  return "?";
}

namespace {

constexpr uint32_t k_max_value_type = 12;
// Smallest possible encodings, used to bound counts by the bytes left before reserving.
constexpr uint64_t k_min_kv_bytes = 8 + 4 + 1;                   // key length, type, 1-byte value
constexpr uint64_t k_min_tensor_info_bytes = 8 + 4 + 8 + 4 + 8;  // name length, n_dims, one dim, type, offset

std::string printable(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

GgufValueType checked_value_type(ByteReader& r, uint32_t raw, std::string_view field) {
  if (raw > k_max_value_type) r.fail(field, "value type " + std::to_string(raw) + " is not a GGUF type (0..12)");
  return static_cast<GgufValueType>(raw);
}

// Validates one scalar or string value at the cursor and skips it.
void skip_scalar(ByteReader& r, GgufValueType type, const std::string& field) {
  if (type == GgufValueType::STRING) {
    r.str(field, r.remaining());
    return;
  }
  const uint8_t* p = r.take(scalar_size(type), field);
  if (type == GgufValueType::BOOL && *p > 1) r.fail(field, "bool value " + std::to_string(*p) + " is neither 0 nor 1");
}

// Reads the value of one metadata entry (its type already read) and records where it lies.
void read_value(ByteReader& r, MetaEntry& e, const std::string& field) {
  if (e.type != GgufValueType::ARRAY) {
    e.value = r.data() + r.pos();
    skip_scalar(r, e.type, field);
    return;
  }
  e.elem_type = checked_value_type(r, r.u32(field + ": array element type"), field + ": array element type");
  if (e.elem_type == GgufValueType::ARRAY) r.fail(field, "arrays of arrays are not supported");
  e.count = r.u64(field + ": array count");
  // Every element takes at least its fixed size (8 bytes for a string's length field).
  const uint64_t min_elem = e.elem_type == GgufValueType::STRING ? 8 : scalar_size(e.elem_type);
  const auto need = checked_mul(e.count, min_elem);
  if (!need || *need > r.remaining())
    r.fail(field, "array count " + std::to_string(e.count) + " of " + std::string(value_type_name(e.elem_type)) +
                      " needs more than the " + std::to_string(r.remaining()) + " bytes left in the file");
  e.value = r.data() + r.pos();
  if (e.elem_type == GgufValueType::STRING) {
    // Vocabularies hold 100k strings: check each length without building a field name per element.
    for (uint64_t i = 0; i < e.count; ++i) {
      if (r.remaining() < 8)
        r.fail(field + "[" + std::to_string(i) + "]",
               "unexpected end of file in a string array: the file is truncated or corrupt");
      uint64_t len = 0;
      std::memcpy(&len, r.data() + r.pos(), 8);
      if (len > r.remaining() - 8)
        r.fail(field + "[" + std::to_string(i) + "]", "string length " + std::to_string(len) + " exceeds the " +
                                                          std::to_string(r.remaining() - 8) + " bytes left in the file");
      r.take(8 + len, field);
    }
  } else if (e.elem_type == GgufValueType::BOOL) {
    const uint8_t* p = r.take(*need, field);
    for (uint64_t i = 0; i < e.count; ++i)
      if (p[i] > 1)
        r.fail(field + "[" + std::to_string(i) + "]", "bool value " + std::to_string(p[i]) + " is neither 0 nor 1");
  } else {
    r.take(*need, field);
  }
}

void read_metadata(ByteReader& r, uint64_t count, ParsedGguf& out) {
  out.meta.reserve(count);  // bounded by the bytes left (checked by the caller)
  std::unordered_set<std::string_view> seen;
  for (uint64_t i = 0; i < count; ++i) {
    const std::string where = "metadata #" + std::to_string(i);
    MetaEntry e;
    e.key = r.str(where + ": key", k_max_key_length);
    if (e.key.empty()) r.fail(where, "empty key");
    const std::string field = "key '" + printable(e.key) + "'";
    if (!seen.insert(e.key).second) r.fail(field, "duplicate key");
    e.type = checked_value_type(r, r.u32(field + ": type"), field + ": type");
    read_value(r, e, field);
    out.meta.push_back(e);
  }
}

uint64_t read_alignment(ByteReader& r, const ParsedGguf& p) {
  const std::string field = "key 'general.alignment'";
  for (const MetaEntry& e : p.meta) {
    if (e.key != "general.alignment") continue;
    uint64_t v = 0;
    switch (e.type) {
      case GgufValueType::U8: v = *e.value; break;
      case GgufValueType::U16: {
        uint16_t x;
        std::memcpy(&x, e.value, 2);
        v = x;
        break;
      }
      case GgufValueType::U32: {
        uint32_t x;
        std::memcpy(&x, e.value, 4);
        v = x;
        break;
      }
      case GgufValueType::U64: std::memcpy(&v, e.value, 8); break;
      default: r.fail(field, "expected an unsigned integer, found " + std::string(value_type_name(e.type)));
    }
    if (!is_power_of_two(v)) r.fail(field, std::to_string(v) + " is not a power of two");
    if (v < k_min_alignment || v > k_max_alignment)
      r.fail(field, std::to_string(v) + " is outside the supported range " + std::to_string(k_min_alignment) + ".." +
                        std::to_string(k_max_alignment));
    return v;
  }
  return 32;  // the GGUF default
}

TensorInfo read_tensor_info(ByteReader& r, uint64_t index, std::unordered_set<std::string_view>& names) {
  const std::string where = "tensor #" + std::to_string(index);
  const std::string_view name = r.str(where + ": name", k_max_tensor_name_length);
  if (name.empty()) r.fail(where, "empty tensor name");
  const std::string field = "tensor '" + printable(name) + "'";
  if (!names.insert(name).second) r.fail(field, "duplicate tensor name");

  TensorInfo t;
  t.name = std::string(name);
  t.n_dims = r.u32(field + ": n_dims");
  if (t.n_dims < 1 || t.n_dims > 4) r.fail(field, "n_dims " + std::to_string(t.n_dims) + " is outside 1..4");
  uint64_t elements = 1;
  for (uint32_t d = 0; d < t.n_dims; ++d) {
    const uint64_t n = r.u64(field + ": ne[" + std::to_string(d) + "]");
    if (n == 0) r.fail(field, "ne[" + std::to_string(d) + "] is zero");
    // ggml stores dimensions as int64; anything above that is corrupt.
    if (n > static_cast<uint64_t>(INT64_MAX))
      r.fail(field, "ne[" + std::to_string(d) + "] = " + std::to_string(n) + " is too large");
    const auto prod = checked_mul(elements, n);
    if (!prod || *prod > static_cast<uint64_t>(INT64_MAX)) r.fail(field, "element count overflows 64 bits");
    elements = *prod;
    t.ne[d] = n;
  }
  t.n_elements = elements;
  const uint32_t raw_type = r.u32(field + ": type");
  const auto info = find_type(raw_type);
  if (!info) r.fail(field, "unsupported tensor type id " + std::to_string(raw_type));
  t.type = info->type;
  if (t.ne[0] % info->block_values != 0)
    r.fail(field, "ne[0] = " + std::to_string(t.ne[0]) + " is not a multiple of the " + std::string(info->name) +
                      " block size " + std::to_string(info->block_values));
  const auto bytes = checked_mul(elements / info->block_values, info->block_bytes);
  if (!bytes) r.fail(field, "byte size overflows 64 bits");
  t.n_bytes = *bytes;
  t.offset = r.u64(field + ": offset");
  return t;
}

// Item 6: aligned, inside the data section, no two tensors sharing bytes.
void place_tensors(ByteReader& r, ParsedGguf& p, const uint8_t* data, uint64_t size) {
  if (p.tensors.empty()) return;
  if (p.data_offset > size)
    r.fail("data section", "starts at offset " + std::to_string(p.data_offset) + " past the end of the " +
                               std::to_string(size) + "-byte file: the file is truncated");
  const uint64_t data_size = size - p.data_offset;
  for (TensorInfo& t : p.tensors) {
    const std::string field = "tensor '" + printable(t.name) + "'";
    if (t.offset % p.alignment != 0)
      r.fail(field,
             "offset " + std::to_string(t.offset) + " is not a multiple of the alignment " + std::to_string(p.alignment));
    const auto end = checked_add(t.offset, t.n_bytes);
    if (!end || *end > data_size)
      r.fail(field, "data [" + std::to_string(t.offset) + ", +" + std::to_string(t.n_bytes) +
                        ") extends past the end of the data section (" + std::to_string(data_size) +
                        " bytes): the file is truncated or corrupt");
    t.data = data + p.data_offset + t.offset;
  }
  std::vector<size_t> order(p.tensors.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p.tensors[a].offset < p.tensors[b].offset; });
  for (size_t i = 1; i < order.size(); ++i) {
    const TensorInfo& prev = p.tensors[order[i - 1]];
    const TensorInfo& cur = p.tensors[order[i]];
    if (prev.offset + prev.n_bytes > cur.offset)
      r.fail("tensor '" + printable(cur.name) + "'", "data at offset " + std::to_string(cur.offset) + " overlaps tensor '" +
                                                         printable(prev.name) + "' (" + std::to_string(prev.offset) + " + " +
                                                         std::to_string(prev.n_bytes) + " bytes)");
  }
}

}  // namespace

ParsedGguf parse_gguf(const std::string& path, const uint8_t* data, uint64_t size) {
  ByteReader r(path, data, size);
  if (size < k_header_size)
    r.fail("header", "the file is " + std::to_string(size) + " bytes, smaller than a GGUF header (" +
                         std::to_string(k_header_size) + " bytes)");
  const uint8_t* magic = r.take(4, "magic");
  if (std::memcmp(magic, "GGUF", 4) != 0)
    r.fail("magic",
           "not a GGUF file (starts with '" + printable({reinterpret_cast<const char*>(magic), 4}) + "', expected 'GGUF')");
  ParsedGguf p;
  p.version = r.u32("version");
  if (p.version == 0x02000000u || p.version == 0x03000000u) r.fail("version", "big-endian GGUF files are not supported");
  if (p.version != 2 && p.version != 3)
    r.fail("version", "GGUF version " + std::to_string(p.version) + " is not supported (only 2 and 3)");
  const uint64_t n_tensors = r.u64("tensor count");
  const uint64_t n_kv = r.u64("metadata count");
  if (n_kv > r.remaining() / k_min_kv_bytes || n_kv > k_max_metadata_count)
    r.fail("metadata count", std::to_string(n_kv) + " entries cannot fit in the " + std::to_string(r.remaining()) +
                                 " bytes left (or exceed the limit of " + std::to_string(k_max_metadata_count) + ")");
  // The tensor infos follow the metadata, so the bytes left now are an upper bound for them too.
  if (n_tensors > r.remaining() / k_min_tensor_info_bytes || n_tensors > k_max_tensor_count)
    r.fail("tensor count", std::to_string(n_tensors) + " tensors cannot fit in the " + std::to_string(r.remaining()) +
                               " bytes left (or exceed the limit of " + std::to_string(k_max_tensor_count) + ")");

  read_metadata(r, n_kv, p);
  p.alignment = read_alignment(r, p);

  if (n_tensors > r.remaining() / k_min_tensor_info_bytes)
    r.fail("tensor count", std::to_string(n_tensors) + " tensor infos cannot fit in the " + std::to_string(r.remaining()) +
                               " bytes left after the metadata");
  p.tensors.reserve(n_tensors);
  std::unordered_set<std::string_view> names;
  for (uint64_t i = 0; i < n_tensors; ++i) p.tensors.push_back(read_tensor_info(r, i, names));

  const auto data_offset = align_up(r.pos(), p.alignment);
  if (!data_offset) r.fail("data section", "offset overflows");
  p.data_offset = *data_offset;
  place_tensors(r, p, data, size);
  return p;
}

}  // namespace veloce
