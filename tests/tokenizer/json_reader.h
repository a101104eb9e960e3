#pragma once
// A small JSON reader for the reference fixtures (tests only). Numbers keep their text so that
// integers are read exactly; strings are decoded to UTF-8, \u surrogate pairs included.
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace veloce::test {

class Json {
 public:
  enum class Kind { Null, Bool, Number, String, Array, Object };

  static Json parse(std::string_view text);  // throws std::runtime_error with the byte offset

  Kind kind() const { return kind_; }
  bool is(Kind k) const { return kind_ == k; }
  bool as_bool() const;
  double as_double() const;
  long long as_int() const;  // throws unless the number is an integer
  const std::string& as_string() const;
  const std::vector<Json>& as_array() const;
  const std::map<std::string, Json>& as_object() const;

  bool has(const std::string& key) const;
  const Json& operator[](const std::string& key) const;  // throws if absent
  std::vector<int32_t> as_int32_array() const;

 private:
  friend class JsonParser;
  Kind kind_ = Kind::Null;
  bool bool_ = false;
  std::string text_;  // string value, or a number's literal
  std::vector<Json> array_;
  std::map<std::string, Json> object_;
};

// The file's contents; throws if it cannot be read.
std::string read_file(const std::string& path);

}  // namespace veloce::test
