#pragma once
// Open-addressing hash tables for the two lookups on the encoder's hot path: a piece's bytes to its
// token id, and a pair of token ids to their merge. std::unordered_map costs a node per entry and a
// pointer chase per lookup; these are one probe into a flat array in the common case.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace veloce::bpe_detail {

inline uint64_t mix(uint64_t x) {
  x ^= x >> 32;
  x *= 0x9E3779B97F4A7C15ull;
  x ^= x >> 29;
  return x;
}

inline uint64_t hash_bytes(std::string_view s) {
  uint64_t h = 0x243F6A8885A308D3ull ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = mix(h ^ w) + 0x632BE59BD9B4E019ull;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, s.data() + i, s.size() - i);
  return mix(h ^ tail ^ (static_cast<uint64_t>(s.size() - i) << 59));
}

inline size_t capacity_for(size_t n) {
  size_t cap = 16;
  while (cap < n * 2) cap <<= 1;  // load factor <= 1/2 keeps probe chains short
  return cap;
}

// Bytes -> id, where the bytes of id live in an external table (the vocabulary). Each slot keeps
// the token's length and first 8 bytes, so most lookups (pieces average ~4 bytes) are decided by
// the one slot they probe, without a second cache miss into the vocabulary's strings.
class TokenIndex {
 public:
  void build(const std::vector<std::string>& token_bytes, const std::vector<bool>& include) {
    slots_.assign(capacity_for(token_bytes.size()), Slot{});
    mask_ = slots_.size() - 1;
    bytes_ = &token_bytes;
    for (size_t id = 0; id < token_bytes.size(); ++id) {
      const std::string& t = token_bytes[id];
      if (!include[id] || find(t) >= 0) continue;  // first spelling wins
      size_t slot = hash_bytes(t) & mask_;
      while (slots_[slot].id >= 0) slot = (slot + 1) & mask_;
      slots_[slot] = Slot{head(t), static_cast<uint32_t>(t.size()), static_cast<int32_t>(id)};
    }
  }
  int32_t find(std::string_view s) const {
    const uint64_t h = head(s);
    for (size_t slot = hash_bytes(s) & mask_;; slot = (slot + 1) & mask_) {
      const Slot& e = slots_[slot];
      if (e.id < 0) return -1;
      if (e.length != s.size() || e.head != h) continue;
      if (s.size() <= 8 || std::memcmp((*bytes_)[static_cast<size_t>(e.id)].data() + 8, s.data() + 8, s.size() - 8) == 0)
        return e.id;
    }
  }

 private:
  struct Slot {
    uint64_t head = 0;
    uint32_t length = 0;
    int32_t id = -1;
  };
  static uint64_t head(std::string_view s) {
    uint64_t h = 0;
    if (!s.empty()) std::memcpy(&h, s.data(), s.size() < 8 ? s.size() : 8);
    return h;
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  const std::vector<std::string>* bytes_ = nullptr;
};

struct Merge {
  int32_t rank;
  int32_t result;
};

// (left id, right id) -> merge. The first merge listed for a pair wins (it has the lower rank).
class MergeIndex {
 public:
  void reserve(size_t n) {
    keys_.assign(capacity_for(n), kEmpty);
    values_.assign(keys_.size(), Merge{0, 0});
    mask_ = keys_.size() - 1;
  }
  bool insert(int32_t left, int32_t right, Merge m) {
    const uint64_t key = pack(left, right);
    size_t slot = mix(key) & mask_;
    for (; keys_[slot] != kEmpty; slot = (slot + 1) & mask_)
      if (keys_[slot] == key) return false;
    keys_[slot] = key;
    values_[slot] = m;
    return true;
  }
  const Merge* find(int32_t left, int32_t right) const {
    const uint64_t key = pack(left, right);
    for (size_t slot = mix(key) & mask_;; slot = (slot + 1) & mask_) {
      if (keys_[slot] == key) return &values_[slot];
      if (keys_[slot] == kEmpty) return nullptr;
    }
  }

 private:
  static constexpr uint64_t kEmpty = ~0ull;
  static uint64_t pack(int32_t l, int32_t r) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(l)) << 32) | static_cast<uint32_t>(r);
  }
  std::vector<uint64_t> keys_;
  std::vector<Merge> values_;
  size_t mask_ = 0;
};

}  // namespace veloce::bpe_detail
