#pragma once
// What an HttpConnection asks of the application: whether a request may go on once its head is
// read (before its body), and its answer once it is whole.
#include <optional>

#include "app/server/api_error.h"
#include "app/server/http_request.h"
#include "app/server/http_responder.h"

namespace veloce::server {

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // With the head only: an error is answered at once and the connection closes, so a client
  // without the key or with an oversized body costs no more than its head.
  virtual std::optional<ApiError> admit(const HttpRequest& head) = 0;
  // The whole request; the responder may answer now or later, on this thread.
  virtual void handle(HttpRequest request, HttpResponder responder) = 0;
};

}  // namespace veloce::server
