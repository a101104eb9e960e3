#pragma once
// The HTTP routes of the OpenAI-compatible server: GET /v1/models, POST /v1/chat/completions and
// POST /v1/completions, with bearer-key checks, bounded bodies and OpenAI's error shape. The key and
// the body's size are checked from the request's head, before its body is read. Runs on the
// thread that owns it (the HTTP thread); generation happens in GenerationQueue's worker, whose
// callbacks are queued back here.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/server/http_handler.h"
#include "app/server/http_limits.h"
#include "app/server/openai_request.h"

class QTcpServer;

namespace veloce {
class Tokenizer;
}

namespace veloce::server {
class GenerationQueue;
struct CompletionRequest;
struct Exchange;

// One request to a completions route, as the app's Server panel lists it and as the history stores
// it: exchangeStarted when it is queued, exchangeFinished when it is answered, refused or abandoned.
struct ExchangeRecord {
  quint64 id = 0;
  QString client;    // the peer's address
  QString endpoint;  // "/v1/chat/completions" or "/v1/completions"
  bool stream = false;
  int status = 0;  // HTTP status sent; 0 when the client left before the end
  QString error;   // the error's message, for a status other than 200
  size_t prompt_tokens = 0;
  size_t completion_tokens = 0;
  double tokens_per_second = 0;
  double seconds = 0;                 // from the request to its answer
  std::vector<ChatMessage> messages;  // chat requests: what the client sent
  std::string reply;                  // what was generated (stop strings cut)
  std::string finish_reason;          // "stop" or "length" when status is 200
};

struct ServerConfig {
  std::string model_id;  // what GET /v1/models lists and requests must name
  std::string api_key;   // empty: no key required (loopback only; serve.cpp enforces it)
  size_t max_body_bytes = 1 << 20;
  size_t n_ctx = 4096;  // the session's context: prompt + reply must fit
  Limits limits;
  HttpLimits http;
};

class ApiServer : public QObject, private HttpHandler {
  Q_OBJECT
 public:
  ApiServer(ServerConfig config, const Tokenizer& tokenizer, GenerationQueue& queue, QObject* parent = nullptr);
  ~ApiServer() override;
  // Serves the connections that `server` (listening; kept by the caller, usually as this one's
  // child) accepts.
  void bind(QTcpServer* server);

 signals:
  void exchangeStarted(const veloce::server::ExchangeRecord& record);
  void exchangeFinished(const veloce::server::ExchangeRecord& record);

 private:
  std::optional<ApiError> admit(const HttpRequest& head) override;
  void handle(HttpRequest request, HttpResponder responder) override;
  void completions(const HttpRequest& request, HttpResponder&& responder, bool chat);
  // Whose KV cache a job may be told it reused: the empty string when one user owns the server.
  std::string cache_owner(const HttpRequest& request) const;
  ServerConfig config_;
  const Tokenizer& tokenizer_;
  GenerationQueue& queue_;
  qint64 started_;  // "created" of the model entry
  // Requests in flight, owned here so that each (its responder, which writes to a socket of this
  // thread) is destroyed on this thread; the worker's callbacks name them by number.
  std::map<quint64, std::shared_ptr<Exchange>> exchanges_;
  quint64 next_exchange_ = 0;
};

}  // namespace veloce::server
