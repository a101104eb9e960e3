#pragma once
// The server's API key: which keys may be set, and whether an Authorization header carries it.
#include <QByteArrayView>
#include <string>
#include <string_view>

namespace veloce::server {

// Why `key` cannot be a key (blank, or holding spaces or control characters that an HTTP header
// cannot carry intact), for a one-line error; empty when it can.
std::string api_key_problem(std::string_view key);

// Whether `authorization` is "Bearer <key>". The scheme is case-insensitive (RFC 7235); the key is
// compared in time that does not depend on where it differs, so timing cannot guess it.
bool bearer_key_matches(QByteArrayView authorization, std::string_view key);

}  // namespace veloce::server
