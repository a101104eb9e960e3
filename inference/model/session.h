#pragma once
// The one small interface every backend implements (reference CPU, Vulkan).
// A Session owns a KV cache of n_ctx positions; tokens are appended at n_past().
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>

namespace veloce {

class Model;

// A failure of the engine that the caller can recover from (out of memory, device lost,
// context full, fence timeout). The message is written for a user.
class EngineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ContextFullError : public EngineError {
 public:
  using EngineError::EngineError;
};

class Session {
 public:
  virtual ~Session() = default;
  // Processes tokens at positions [n_past, n_past + tokens.size()) and advances n_past.
  // logits receives n_vocab floats for the last token, or tokens.size() * n_vocab (row per
  // token, in order) when all_logits is true. Throws ContextFullError when they do not fit;
  // callers bound the batch size (the Generator chunks prompts).
  virtual void evaluate(std::span<const int32_t> tokens, std::span<float> logits, bool all_logits) = 0;
  // Keeps the first n cached positions and forgets the rest (regenerate, edit, new turn).
  virtual void truncate(size_t n) = 0;
  virtual size_t n_past() const = 0;
  virtual size_t n_ctx() const = 0;
  virtual size_t n_vocab() const = 0;
};

class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::unique_ptr<Session> create_session(size_t n_ctx) = 0;
  virtual std::string name() const = 0;         // "reference" or "vulkan"
  virtual std::string device_name() const = 0;  // "CPU (fp32 reference)" or the GPU name
  virtual const Model& model() const = 0;
};

}  // namespace veloce
