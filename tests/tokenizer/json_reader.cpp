#include "tests/tokenizer/json_reader.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace veloce::test {

class JsonParser {
 public:
  explicit JsonParser(std::string_view s) : s_(s) {}

  Json document() {
    Json v = value();
    skip_ws();
    if (pos_ != s_.size()) fail("trailing characters");
    return v;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;

  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error("JSON at byte " + std::to_string(pos_) + ": " + why);
  }
  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) ++pos_;
  }
  char peek() {
    skip_ws();
    if (pos_ >= s_.size()) fail("unexpected end");
    return s_[pos_];
  }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  Json value() {
    Json v;
    const char c = peek();
    if (c == '{') {
      v.kind_ = Json::Kind::Object;
      ++pos_;
      if (peek() == '}') {
        ++pos_;
        return v;
      }
      for (;;) {
        if (peek() != '"') fail("expected a key");
        std::string key = string();
        expect(':');
        v.object_[key] = value();
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        expect('}');
        return v;
      }
    }
    if (c == '[') {
      v.kind_ = Json::Kind::Array;
      ++pos_;
      if (peek() == ']') {
        ++pos_;
        return v;
      }
      for (;;) {
        v.array_.push_back(value());
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        expect(']');
        return v;
      }
    }
    if (c == '"') {
      v.kind_ = Json::Kind::String;
      v.text_ = string();
      return v;
    }
    if (literal("true") || literal("false")) {
      v.kind_ = Json::Kind::Bool;
      v.bool_ = s_[pos_ - 1] == 'e' && s_[pos_ - 4] == 't';
      return v;
    }
    if (literal("null")) return v;
    if (c == '-' || (c >= '0' && c <= '9')) {
      const size_t start = pos_;
      while (pos_ < s_.size() && std::string_view("+-0123456789.eE").find(s_[pos_]) != std::string_view::npos) ++pos_;
      v.kind_ = Json::Kind::Number;
      v.text_ = std::string(s_.substr(start, pos_ - start));
      return v;
    }
    fail("unexpected character");
  }

  unsigned hex4() {
    if (pos_ + 4 > s_.size()) fail("short \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = s_[pos_++];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') v |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') v |= static_cast<unsigned>(h - 'A' + 10);
      else fail("bad hex digit");
    }
    return v;
  }

  static void put_utf8(std::string& out, unsigned cp) {
    auto put = [&](unsigned b) { out.push_back(static_cast<char>(static_cast<unsigned char>(b))); };
    if (cp < 0x80) put(cp);
    else if (cp < 0x800) {
      put(0xC0 | (cp >> 6));
      put(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      put(0xE0 | (cp >> 12));
      put(0x80 | ((cp >> 6) & 0x3F));
      put(0x80 | (cp & 0x3F));
    } else {
      put(0xF0 | (cp >> 18));
      put(0x80 | ((cp >> 12) & 0x3F));
      put(0x80 | ((cp >> 6) & 0x3F));
      put(0x80 | (cp & 0x3F));
    }
  }

  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      if (pos_ >= s_.size()) fail("unterminated string");
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) fail("unterminated escape");
      const char e = s_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00) {
            if (!literal("\\u")) fail("lone high surrogate");
            const unsigned lo = hex4();
            if (lo < 0xDC00 || lo >= 0xE000) fail("bad low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            fail("lone low surrogate");
          }
          put_utf8(out, cp);
          break;
        }
        default: fail("bad escape");
      }
    }
  }
};

Json Json::parse(std::string_view text) { return JsonParser(text).document(); }

bool Json::as_bool() const {
  if (kind_ != Kind::Bool) throw std::runtime_error("JSON: not a bool");
  return bool_;
}

double Json::as_double() const {
  if (kind_ != Kind::Number) throw std::runtime_error("JSON: not a number");
  return std::stod(text_);
}

long long Json::as_int() const {
  if (kind_ != Kind::Number) throw std::runtime_error("JSON: not a number");
  long long v = 0;
  auto [p, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), v);
  if (ec != std::errc() || p != text_.data() + text_.size()) throw std::runtime_error("JSON: not an integer: " + text_);
  return v;
}

const std::string& Json::as_string() const {
  if (kind_ != Kind::String) throw std::runtime_error("JSON: not a string");
  return text_;
}

const std::vector<Json>& Json::as_array() const {
  if (kind_ != Kind::Array) throw std::runtime_error("JSON: not an array");
  return array_;
}

const std::map<std::string, Json>& Json::as_object() const {
  if (kind_ != Kind::Object) throw std::runtime_error("JSON: not an object");
  return object_;
}

bool Json::has(const std::string& key) const { return kind_ == Kind::Object && object_.count(key) > 0; }

const Json& Json::operator[](const std::string& key) const {
  const auto& o = as_object();
  const auto it = o.find(key);
  if (it == o.end()) throw std::runtime_error("JSON: no key '" + key + "'");
  return it->second;
}

std::vector<int32_t> Json::as_int32_array() const {
  std::vector<int32_t> out;
  for (const Json& v : as_array()) out.push_back(static_cast<int32_t>(v.as_int()));
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace veloce::test
