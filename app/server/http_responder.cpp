#include "app/server/http_responder.h"

#include "app/server/http_connection.h"

namespace veloce::server {
namespace {

QByteArrayView reason(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
  }
}

}  // namespace

QByteArray response_head(int status, QByteArrayView content_type, AfterResponse after, qsizetype content_length) {
  QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status).toByteArray() + "\r\n";
  if (!content_type.empty()) head += "Content-Type: " + content_type.toByteArray() + "\r\n";
  if (content_length >= 0) head += "Content-Length: " + QByteArray::number(content_length) + "\r\n";
  // Said in both cases: an HTTP/1.0 client keeps the connection only when told it may.
  head += after == AfterResponse::Close ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
  head += "\r\n";
  return head;
}

HttpResponder::HttpResponder(HttpConnection* connection, AfterResponse after) : connection_(connection), after_(after) {}

HttpResponder::HttpResponder(HttpResponder&& other) noexcept
    : connection_(other.connection_), after_(other.after_), stage_(other.stage_) {
  other.stage_ = Stage::Done;
  other.connection_ = nullptr;
}

HttpResponder::~HttpResponder() {
  if (stage_ != Stage::Done && connection_) connection_->close_after_writing();
}

HttpConnection* HttpResponder::connection() const { return connection_; }

bool HttpResponder::alive() const { return connection_ && stage_ != Stage::Done && connection_->connected(); }

void HttpResponder::send(int status, QByteArrayView content_type, QByteArrayView body) {
  if (stage_ != Stage::Fresh) return;
  stage_ = Stage::Done;
  if (!connection_) return;
  connection_->write(response_head(status, content_type, after_, body.size()) + body.toByteArray());
  connection_->response_done(after_);
}

void HttpResponder::begin_stream(int status, QByteArrayView content_type) {
  if (stage_ != Stage::Fresh) return;
  stage_ = Stage::Streaming;
  if (!connection_) return;
  // No length: the stream ends when the connection does.
  QByteArray head = response_head(status, content_type, AfterResponse::Close, -1);
  head.insert(head.size() - 2, "Cache-Control: no-cache\r\n");
  connection_->write(head);
}

void HttpResponder::stream(QByteArrayView bytes) {
  if (stage_ == Stage::Streaming && connection_) connection_->write(bytes);
}

void HttpResponder::end_stream() {
  if (stage_ != Stage::Streaming) return;
  stage_ = Stage::Done;
  if (connection_) connection_->close_after_writing();
}

}  // namespace veloce::server
