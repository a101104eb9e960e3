#include "app/server/http_request.h"

#include <QUrl>
#include <limits>

namespace veloce::server {
namespace {

bool is_token_char(char c) {
  // RFC 9110 tchar: what a method or a field name may hold.
  static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         extra.find(c) != std::string_view::npos;
}

bool is_token(QByteArrayView s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_token_char(c)) return false;
  return true;
}

ApiError bad_request(const std::string& why) { return ApiError(400, "malformed HTTP request: " + why); }

// Splits the head into lines without their CR LF (or LF); the empty line that ends it is dropped.
std::vector<QByteArrayView> lines_of(QByteArrayView head) {
  std::vector<QByteArrayView> lines;
  while (!head.empty()) {
    const qsizetype lf = head.indexOf('\n');
    QByteArrayView line = lf < 0 ? head : head.first(lf);
    if (line.endsWith('\r')) line.chop(1);
    lines.push_back(line);
    head = lf < 0 ? QByteArrayView() : head.sliced(lf + 1);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// A comma-separated header value holds `word`, case-insensitively ("Connection: keep-alive, Upgrade").
bool list_has(QByteArrayView value, QByteArrayView word) {
  for (const QByteArray& item : value.toByteArray().split(','))
    if (item.trimmed().compare(word, Qt::CaseInsensitive) == 0) return true;
  return false;
}

}  // namespace

QByteArray HttpRequest::header(QByteArrayView name) const {
  for (const auto& [key, value] : headers)
    if (key == name) return value;
  return {};
}

bool HttpRequest::has_header(QByteArrayView name) const {
  for (const auto& [key, value] : headers)
    if (key == name) return true;
  return false;
}

std::optional<qsizetype> head_end(QByteArrayView buffer) {
  // Empty lines before the request line are allowed (RFC 9112 2.2), so look past them.
  qsizetype start = 0;
  while (start < buffer.size() && (buffer[start] == '\r' || buffer[start] == '\n')) ++start;
  for (qsizetype lf = buffer.indexOf('\n', start); lf >= 0; lf = buffer.indexOf('\n', lf + 1)) {
    if (lf + 1 < buffer.size() && buffer[lf + 1] == '\n') return lf + 2;
    if (lf + 2 < buffer.size() && buffer[lf + 1] == '\r' && buffer[lf + 2] == '\n') return lf + 3;
  }
  return std::nullopt;
}

std::variant<HttpRequest, ApiError> parse_head(QByteArrayView head) {
  while (!head.empty() && (head.front() == '\r' || head.front() == '\n')) head = head.sliced(1);
  const std::vector<QByteArrayView> lines = lines_of(head);
  if (lines.empty()) return bad_request("no request line");

  // METHOD SP TARGET SP HTTP/1.x
  const QList<QByteArray> parts = lines[0].toByteArray().split(' ');
  if (parts.size() != 3) return bad_request("the request line is not 'METHOD TARGET HTTP/1.1'");
  HttpRequest request;
  request.method = parts[0];
  if (!is_token(request.method)) return bad_request("the method is not a token");
  const QByteArray& version = parts[2];
  if (!version.startsWith("HTTP/")) return bad_request("the request line does not end with the HTTP version");
  if (version == "HTTP/1.1") request.minor_version = 1;
  else if (version == "HTTP/1.0") request.minor_version = 0;
  else return ApiError(505, "HTTP version not supported: " + version.toStdString() + " (send HTTP/1.1)");
  const QUrl url = QUrl::fromEncoded(parts[1], QUrl::StrictMode);
  if (parts[1].isEmpty() || !url.isValid()) return bad_request("the target is not a valid URL");
  request.path = url.path();

  std::optional<uint64_t> length;
  for (size_t i = 1; i < lines.size(); ++i) {
    const QByteArrayView line = lines[i];
    // Folded lines (obsolete) and fields without a colon are refused, as RFC 9112 allows.
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !is_token(line.first(colon)))
      return bad_request("header line " + std::to_string(i) + " is not 'Name: value'");
    QByteArray name = line.first(colon).toByteArray().toLower();
    QByteArray value = line.sliced(colon + 1).toByteArray().trimmed();
    if (name == "content-length") {
      uint64_t n = 0;
      if (value.isEmpty()) return bad_request("Content-Length is empty");
      for (char c : value) {
        if (c < '0' || c > '9') return bad_request("Content-Length is not a number");
        // Past any size the server accepts: saturate rather than overflow; the caller answers 413.
        n = n > (std::numeric_limits<uint64_t>::max() - 9) / 10 ? std::numeric_limits<uint64_t>::max() : n * 10 + (c - '0');
      }
      if (length && *length != n) return bad_request("two different Content-Length fields");
      length = n;
    }
    request.headers.emplace_back(std::move(name), std::move(value));
  }
  // A body sent in chunks has no length to check before reading it: ask for one instead.
  if (request.has_header("transfer-encoding"))
    return ApiError(501, "chunked request bodies are not supported: send the body with a Content-Length");
  request.content_length = length.value_or(0);
  const QByteArray connection = request.header("connection");
  // HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it.
  const bool close = request.minor_version == 0 ? !list_has(connection, "keep-alive") : list_has(connection, "close");
  request.after = close ? AfterResponse::Close : AfterResponse::KeepAlive;
  request.expects_continue = list_has(request.header("expect"), "100-continue");
  return request;
}

}  // namespace veloce::server
