#pragma once
// The HTTP routes of the OpenAI-compatible server: GET /v1/models, POST /v1/chat/completions and
// POST /v1/completions, with bearer-key checks, bounded bodies and OpenAI's error shape. Runs on the
// thread that owns it (the HTTP thread); generation happens in GenerationQueue's worker, whose
// callbacks are queued back here.
#include <QtHttpServer/QAbstractHttpServer>
#include <QtHttpServer/QHttpServerResponder>
#include <map>
#include <memory>
#include <string>

#include "app/server/openai_request.h"

namespace veloce {
class Tokenizer;
}

namespace veloce::server {
class GenerationQueue;
struct CompletionRequest;
struct Exchange;

struct ServerConfig {
  std::string model_id;  // what GET /v1/models lists and requests must name
  std::string api_key;   // empty: no key required (loopback only; serve.cpp enforces it)
  size_t max_body_bytes = 1 << 20;
  size_t n_ctx = 4096;  // the session's context: prompt + reply must fit
  Limits limits;
};

class ApiServer : public QAbstractHttpServer {
  Q_OBJECT
 public:
  ApiServer(ServerConfig config, const Tokenizer& tokenizer, GenerationQueue& queue, QObject* parent = nullptr);
  ~ApiServer() override;

 protected:
  bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
  void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

 private:
  void completions(const QHttpServerRequest& request, QTcpSocket* socket, QHttpServerResponder&& responder, bool chat);
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
