#pragma once
// An error a client sees: an HTTP status and OpenAI's error object
// {"error":{"message","type","param","code"}}, so the official clients raise their usual exceptions.
#include <stdexcept>
#include <string>

namespace veloce::server {

struct ApiError : std::runtime_error {
  ApiError(int status_, std::string message, std::string type_ = "invalid_request_error", std::string param_ = {},
           std::string code_ = {})
      : std::runtime_error(std::move(message)), status(status_), type(std::move(type_)), param(std::move(param_)),
        code(std::move(code_)) {}
  int status;
  std::string type;
  std::string param;  // empty: null
  std::string code;   // empty: null
};

}  // namespace veloce::server
