#include "app/server/http_connection.h"

#include <sys/socket.h>
#include <QTcpSocket>

#include "app/server/http_handler.h"
#include "app/server/openai_json.h"

namespace veloce::server {

HttpConnection::HttpConnection(QTcpSocket* socket, const HttpLimits& limits, HttpHandler& handler, QObject* parent)
    : QObject(parent), socket_(socket), limits_(limits), handler_(handler) {
  socket_->setParent(this);
  // While a request is answered, what the client sends next waits in the kernel, not in memory:
  // the socket buffers at most a head's worth.
  socket_->setReadBufferSize(static_cast<qint64>(limits_.max_head_bytes) + 1);
  deadline_.setSingleShot(true);
  connect(&deadline_, &QTimer::timeout, this, &HttpConnection::on_deadline);
  connect(socket_, &QTcpSocket::readyRead, this, &HttpConnection::read_more);
  connect(socket_, &QTcpSocket::bytesWritten, this, &HttpConnection::shut_write_side_when_flushed);
  connect(socket_, &QTcpSocket::disconnected, this, &HttpConnection::on_disconnected);
  deadline_.start(limits_.idle_timeout);
  // From the event loop, so that the listener may refuse the connection first.
  QMetaObject::invokeMethod(this, &HttpConnection::read_more, Qt::QueuedConnection);
}

bool HttpConnection::connected() const {
  return !gone_ && socket_->state() == QAbstractSocket::ConnectedState && state_ != State::Closing;
}

void HttpConnection::read_more() {
  if (gone_) return;
  if (state_ == State::Closing) {
    socket_->skip(socket_->bytesAvailable());  // lingering: the peer's leftovers are dropped
    return;
  }
  if (state_ == State::Head) {
    const auto limit = static_cast<qsizetype>(limits_.max_head_bytes);
    if (buffer_.size() <= limit) buffer_ += socket_->read(limit + 1 - buffer_.size());
    const std::optional<qsizetype> end = head_end(QByteArrayView(buffer_).first(std::min(buffer_.size(), limit)));
    if (!end) {
      if (buffer_.size() > limit)
        refuse(ApiError(431,
                        "the request's head (request line and header fields) is larger than " +
                            std::to_string(limits_.max_head_bytes) + " bytes",
                        "invalid_request_error", "", "request_header_fields_too_large"));
      return;
    }
    auto parsed = parse_head(QByteArrayView(buffer_).first(*end));
    if (auto* error = std::get_if<ApiError>(&parsed)) {
      refuse(*error);
      return;
    }
    request_ = std::move(std::get<HttpRequest>(parsed));
    request_.peer = socket_->peerAddress();
    if (const std::optional<ApiError> refused = handler_.admit(request_)) {
      refuse(*refused);
      return;
    }
    buffer_.remove(0, *end);
    state_ = State::Body;
    if (request_.expects_continue && request_.content_length > 0) write("HTTP/1.1 100 Continue\r\n\r\n");
  }
  if (state_ == State::Body) {
    // admit() has bounded content_length, so the body read here is as large as the handler allows.
    const auto want = static_cast<qsizetype>(request_.content_length) - request_.body.size();
    const qsizetype from_buffer = std::min(want, buffer_.size());
    request_.body += QByteArrayView(buffer_).first(from_buffer);
    buffer_.remove(0, from_buffer);
    if (want > from_buffer) request_.body += socket_->read(want - from_buffer);
    if (request_.body.size() < static_cast<qsizetype>(request_.content_length)) return;
    state_ = State::Responding;
    deadline_.stop();  // generating may take long; the client's leaving is noticed by the socket
    const AfterResponse after = request_.after;
    handler_.handle(std::exchange(request_, {}), HttpResponder(this, after));
  }
}

void HttpConnection::refuse(const ApiError& error) {
  write(response_head(error.status, "application/json", AfterResponse::Close, error_json(error).size()) + error_json(error));
  close_after_writing();
}

void HttpConnection::write(QByteArrayView bytes) {
  if (gone_ || socket_->state() != QAbstractSocket::ConnectedState) return;
  socket_->write(bytes.data(), bytes.size());
  socket_->flush();
}

void HttpConnection::response_done(AfterResponse after) {
  if (after == AfterResponse::Close) {
    close_after_writing();
    return;
  }
  state_ = State::Head;
  deadline_.start(limits_.idle_timeout);
  // A pipelined request may already wait in the buffer; read it from the event loop, not from
  // inside the answer to this one (a long pipeline would otherwise nest calls).
  QMetaObject::invokeMethod(this, &HttpConnection::read_more, Qt::QueuedConnection);
}

void HttpConnection::close_after_writing() {
  if (gone_ || state_ == State::Closing) return;
  state_ = State::Closing;
  buffer_.clear();
  request_ = {};
  deadline_.start(limits_.idle_timeout);
  shut_write_side_when_flushed();
  read_more();
}

void HttpConnection::shut_write_side_when_flushed() {
  if (state_ != State::Closing || gone_) return;
  deadline_.start(limits_.idle_timeout);  // the peer is reading: give it time to read the rest
  if (write_side_shut_ || socket_->bytesToWrite() > 0) return;
  // Half-close: the peer reads the answer and sees its end; closing outright while its unread
  // bytes are still in our kernel buffer would send a reset that can destroy the answer.
  write_side_shut_ = true;
  if (::shutdown(static_cast<int>(socket_->socketDescriptor()), SHUT_WR) != 0) socket_->abort();
}

void HttpConnection::on_deadline() {
  if (state_ == State::Closing) {
    socket_->abort();
    on_disconnected();
    return;
  }
  const bool partial = state_ == State::Body || !buffer_.trimmed().isEmpty();
  if (!partial) {
    close_after_writing();
    return;
  }
  refuse(ApiError(408, "the request did not arrive whole within " + std::to_string(limits_.idle_timeout.count()) + " ms",
                  "invalid_request_error", "", "request_timeout"));
}

void HttpConnection::on_disconnected() {
  if (gone_) return;
  gone_ = true;
  deadline_.stop();
  emit closed();
  deleteLater();
}

}  // namespace veloce::server
