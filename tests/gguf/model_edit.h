#pragma once
// Rewrites a fixture with edits (keys dropped or replaced, tensors dropped, reshaped or retyped)
// so that model-level bad files differ from a real model in exactly one way.
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "inference/gguf/gguf_file.h"
#include "inference/gguf/gguf_writer.h"

namespace veloce::test {

struct TensorEdit {
  GgmlType type;
  std::vector<uint64_t> dims;
};

struct ModelEdit {
  std::set<std::string> drop_keys;
  std::function<void(GgufWriter&)> add_keys;  // runs after the kept keys are copied
  std::set<std::string> drop_tensors;
  std::map<std::string, TensorEdit> change_tensors;  // new type/shape, zero data
};

inline std::vector<uint8_t> rewrite(const GgufFile& src, const ModelEdit& e) {
  GgufWriter w(src.version(), src.alignment());
  for (const std::string& k : src.keys())
    if (!e.drop_keys.count(k) && k != "general.alignment") w.copy_key(src, k);
  if (e.add_keys) e.add_keys(w);
  for (const TensorInfo& t : src.tensors()) {
    if (e.drop_tensors.count(t.name)) continue;
    auto it = e.change_tensors.find(t.name);
    if (it == e.change_tensors.end()) {
      w.add_tensor(t.name, t.type, std::vector<uint64_t>(t.ne.begin(), t.ne.begin() + t.n_dims), {t.data, t.n_bytes});
    } else {
      const TypeInfo& ti = type_info(it->second.type);
      uint64_t n = 1;
      for (uint64_t d : it->second.dims) n *= d;
      w.add_tensor(t.name, it->second.type, it->second.dims, std::vector<uint8_t>(n / ti.block_values * ti.block_bytes, 0));
    }
  }
  return w.to_bytes();
}

}  // namespace veloce::test
