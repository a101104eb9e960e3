#pragma once
// One HTTP/1.x request as the server reads it: the head (request line and header fields), parsed
// and checked on its own so that a request can be refused before its body is read, then the body.
#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QString>
#include <cstdint>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "app/server/api_error.h"

namespace veloce::server {

// What becomes of the connection once the response is sent.
enum class AfterResponse { KeepAlive, Close };

struct HttpRequest {
  QByteArray method;  // "GET", "POST", ... as sent (methods are case-sensitive)
  QString path;       // the target's path, percent-decoded, without the query
  int minor_version = 1;
  std::vector<std::pair<QByteArray, QByteArray>> headers;  // names lower-cased, values trimmed
  uint64_t content_length = 0;
  AfterResponse after = AfterResponse::KeepAlive;
  bool expects_continue = false;  // "Expect: 100-continue": the client waits before sending its body
  QHostAddress peer;
  QByteArray body;

  // The first field of that (lower-case) name; empty when absent.
  QByteArray header(QByteArrayView name) const;
  bool has_header(QByteArrayView name) const;
};

// Where the head ends in `buffer`: the offset just past its empty line, or nullopt while the
// empty line has not arrived. Accepts CRLF and bare LF line ends.
std::optional<qsizetype> head_end(QByteArrayView buffer);

// Parses a complete head (up to and including its empty line). Malformed heads are ApiError 400
// (or 505 for another HTTP version, 501 for a chunked body), which the caller answers and closes.
std::variant<HttpRequest, ApiError> parse_head(QByteArrayView head);

}  // namespace veloce::server
