#include "app/server/bearer_key.h"

#include <QByteArray>
#include <QCryptographicHash>

namespace veloce::server {

std::string api_key_problem(std::string_view key) {
  bool blank = true;
  for (char c : key) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) {
      if (u != ' ' && u != '\t') return "the API key holds a control character";
    } else {
      blank = false;
    }
  }
  if (blank) return "the API key is blank: it would protect nothing";
  for (char c : key)
    if (c == ' ' || c == '\t') return "the API key holds a space, which an Authorization header cannot carry intact";
  return {};
}

bool bearer_key_matches(QByteArrayView authorization, std::string_view key) {
  constexpr QByteArrayView scheme = "bearer";
  if (authorization.size() <= scheme.size() || authorization.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
    return false;
  QByteArrayView token = authorization.sliced(scheme.size());
  if (token.front() != ' ' && token.front() != '\t') return false;
  token = token.trimmed();
  // Hashing both first makes the comparison's length fixed whatever the lengths sent; then every
  // byte is compared, without an early exit.
  const QByteArray sent = QCryptographicHash::hash(token, QCryptographicHash::Sha256);
  const QByteArray want =
      QCryptographicHash::hash(QByteArrayView(key.data(), static_cast<qsizetype>(key.size())), QCryptographicHash::Sha256);
  unsigned char diff = 0;
  for (qsizetype i = 0; i < sent.size(); ++i) diff |= static_cast<unsigned char>(sent[i] ^ want[i]);
  return diff == 0;
}

}  // namespace veloce::server
