#include "app/server/api_server.h"

#include <QDateTime>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <memory>
#include <random>

#include "app/server/api_error.h"
#include "app/server/bearer_key.h"
#include "app/server/generation_queue.h"
#include "app/server/http_connection.h"
#include "app/server/http_listener.h"
#include "app/server/openai_json.h"
#include "inference/tokenizer/chat_format.h"
#include "inference/tokenizer/tokenizer.h"

namespace veloce::server {
namespace {

using Responder = HttpResponder;

void send_json(Responder& responder, int status, const QByteArray& body) {
  responder.send(status, "application/json", body);
}

void send_error(Responder& responder, const ApiError& error) { send_json(responder, error.status, error_json(error)); }

std::string random_id(const char* prefix) {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string id = prefix;
  for (int i = 0; i < 24; ++i) id += alphabet[QRandomGenerator::global()->bounded(62)];
  return id;
}

}  // namespace

// One request in flight: its responder and the reply so far. Shared between the HTTP-thread
// callbacks queued by the worker; the connection may go away at any time (the client left).
struct Exchange {
  explicit Exchange(Responder&& r) : responder(std::move(r)) {}
  Responder responder;
  ReplyMeta meta;
  bool stream = false;
  bool include_usage = false;
  bool sent_role = false;
  std::string text;  // the reply so far (sent at the end when not streamed)
  QMetaObject::Connection on_disconnect;
  ExchangeRecord record;  // what the app's Server panel is told
  QElapsedTimer clock;

  bool alive() const { return responder.alive(); }
  void event(const QByteArray& json) {
    if (alive()) responder.stream("data: " + json + "\n\n");
  }
};

namespace {

// The end of a request: the whole reply, or the stream's last chunks and [DONE].
void finish(Exchange& ex, const JobResult& result) {
  QObject::disconnect(ex.on_disconnect);
  ExchangeRecord& rec = ex.record;
  rec.prompt_tokens = result.prompt_tokens;
  rec.completion_tokens = result.completion_tokens;
  rec.tokens_per_second = result.tokens_per_second;
  rec.reply = ex.text;
  rec.finish_reason = result.finish_reason;
  rec.seconds = static_cast<double>(ex.clock.nsecsElapsed()) / 1e9;
  if (!ex.alive()) {
    rec.status = 0;
    rec.error = QStringLiteral("the client disconnected");
    return;
  }
  rec.status = result.error.empty() ? 200 : 500;
  if (!result.error.empty()) {
    const ApiError error(500, "generation failed: " + result.error, "server_error");
    rec.error = QString::fromUtf8(error.what());
    if (!ex.stream) {
      send_error(ex.responder, error);
    } else {
      ex.event(error_json(error));
      ex.responder.end_stream();
    }
    return;
  }
  if (!ex.stream) {
    send_json(ex.responder, 200, completion_json(ex.meta, ex.text, result));
    return;
  }
  ex.event(chunk_json(ex.meta, std::nullopt, ex.meta.chat && !ex.sent_role, result.finish_reason));
  if (ex.include_usage) ex.event(usage_chunk_json(ex.meta, result));
  ex.responder.stream("data: [DONE]\n\n");
  // The stream's length is its connection's: closing it ends the response.
  ex.responder.end_stream();
}

}  // namespace

ApiServer::ApiServer(ServerConfig config, const Tokenizer& tokenizer, GenerationQueue& queue, QObject* parent)
    : QObject(parent), config_(std::move(config)), tokenizer_(tokenizer), queue_(queue),
      started_(QDateTime::currentSecsSinceEpoch()) {}

ApiServer::~ApiServer() = default;

void ApiServer::bind(QTcpServer* server) { new HttpListener(server, config_.http, *this, this); }

std::optional<ApiError> ApiServer::admit(const HttpRequest& head) {
  // The key first: a client without it learns nothing else, not even the size limit.
  if (!config_.api_key.empty() && !bearer_key_matches(head.header("authorization"), config_.api_key)) {
    const ApiError error(401, "Incorrect or missing API key: send 'Authorization: Bearer KEY'", "invalid_request_error", "",
                         "invalid_api_key");
    ExchangeRecord record;
    record.id = next_exchange_++;
    record.client = head.peer.toString();
    record.endpoint = head.path;
    record.status = error.status;
    record.error = QString::fromUtf8(error.what());
    emit exchangeFinished(record);
    return error;
  }
  if (head.content_length > config_.max_body_bytes)
    return ApiError(413, "the request body is larger than " + std::to_string(config_.max_body_bytes) + " bytes",
                    "invalid_request_error", "", "request_too_large");
  return std::nullopt;
}

void ApiServer::handle(HttpRequest request, HttpResponder responder) {
  const QString& path = request.path;
  const bool get = request.method == "GET";
  if (get && (path == "/v1/models" || path == "/v1/models/")) {
    send_json(responder, 200, models_json(config_.model_id, started_));
    return;
  }
  if (get && path == "/v1/models/" + QString::fromStdString(config_.model_id)) {
    send_json(responder, 200,
              QByteArray("{\"id\":\"") + QByteArray::fromStdString(config_.model_id) +
                  "\",\"object\":\"model\",\"created\":" + QByteArray::number(started_) + ",\"owned_by\":\"veloce\"}");
    return;
  }
  const bool chat = path == "/v1/chat/completions";
  if (request.method == "POST" && (chat || path == "/v1/completions")) {
    completions(request, std::move(responder), chat);
    return;
  }
  send_error(responder,
             ApiError(404, "Invalid URL (" + path.toStdString() + ")", "invalid_request_error", "", "unknown_url"));
}

std::string ApiServer::cache_owner(const HttpRequest& request) const {
  // Without a key the server is on loopback (serve.cpp and the app enforce it): the computer's
  // user owns it, and sharing the cache between their programs leaks nothing. With a key, clients
  // may be different people, told apart by address.
  return config_.api_key.empty() ? std::string() : request.peer.toString().toStdString();
}

void ApiServer::completions(const HttpRequest& request, Responder&& responder, bool chat) {
  auto exchange = std::make_shared<Exchange>(std::move(responder));
  exchange->clock.start();
  const quint64 key = next_exchange_++;
  ExchangeRecord& record = exchange->record;
  record.id = key;
  record.client = request.peer.toString();
  record.endpoint = request.path;
  const auto refuse = [&](const ApiError& e) {
    send_error(exchange->responder, e);
    record.status = e.status;
    record.error = QString::fromUtf8(e.what());
    record.seconds = static_cast<double>(exchange->clock.nsecsElapsed()) / 1e9;
    emit exchangeFinished(record);
  };
  auto job = std::make_shared<Job>();
  job->client = cache_owner(request);
  try {
    const CompletionRequest r = parse_completion_request(request.body, chat, config_.limits);
    if (r.model != config_.model_id)
      throw ApiError(404, "The model '" + r.model + "' does not exist; this server serves '" + config_.model_id + "'",
                     "invalid_request_error", "model", "model_not_found");
    job->prompt = chat ? render_chat(tokenizer_, r.messages, true) : tokenizer_.encode(r.prompt, /*parse_special=*/true);
    if (job->prompt.empty()) throw ApiError(400, "the prompt is empty", "invalid_request_error", "messages");
    if (job->prompt.size() >= config_.n_ctx)
      throw ApiError(400,
                     "the prompt is " + std::to_string(job->prompt.size()) +
                         " tokens, which leaves no room for a reply in this server's context of " +
                         std::to_string(config_.n_ctx) + " tokens",
                     "invalid_request_error", "messages", "context_length_exceeded");
    const auto room = static_cast<int64_t>(config_.n_ctx - job->prompt.size());
    job->max_tokens = static_cast<int32_t>(std::min(r.max_tokens.value_or(room), room));
    job->sampling.temperature = r.temperature;  // 0: greedy
    job->sampling.top_p = r.top_p;
    job->sampling.top_k = 0;  // OpenAI has neither top-k nor min-p
    job->sampling.min_p = 0;
    job->sampling.seed = r.seed ? *r.seed : QRandomGenerator::global()->generate64();
    job->stop = r.stop;
    exchange->stream = r.stream;
    exchange->include_usage = r.include_usage;
    record.stream = r.stream;
    record.messages = r.messages;
    exchange->meta = {random_id(chat ? "chatcmpl-" : "cmpl-"), QDateTime::currentSecsSinceEpoch(), config_.model_id, chat};
  } catch (const ApiError& e) {
    refuse(e);
    return;
  } catch (const std::exception& e) {
    refuse(ApiError(400, e.what()));
    return;
  }

  // Worker-thread callbacks: queued to this object's thread, which owns the socket and the exchange.
  exchanges_[key] = exchange;
  job->on_text = [this, key](std::string piece) {
    QMetaObject::invokeMethod(
        this,
        [this, key, piece = std::move(piece)] {
          const auto it = exchanges_.find(key);
          if (it == exchanges_.end()) return;
          Exchange& ex = *it->second;
          ex.text += piece;
          if (!ex.stream) return;
          ex.event(chunk_json(ex.meta, piece, ex.meta.chat && !ex.sent_role, ""));
          ex.sent_role = true;
        },
        Qt::QueuedConnection);
  };
  job->on_done = [this, key](JobResult result) {
    QMetaObject::invokeMethod(
        this,
        [this, key, result] {
          const auto it = exchanges_.find(key);
          if (it == exchanges_.end()) return;
          const std::shared_ptr<Exchange> held = it->second;
          exchanges_.erase(it);
          finish(*held, result);
          emit exchangeFinished(held->record);
        },
        Qt::QueuedConnection);
  };
  if (!queue_.submit(job)) {
    exchanges_.erase(key);
    refuse(ApiError(429, "the server is busy with other requests; retry shortly", "rate_limit_error", "",
                    "rate_limit_exceeded"));
    return;
  }
  emit exchangeStarted(record);
  // A client that leaves cancels its generation (the worker checks the flag between tokens).
  std::weak_ptr<Job> weak = job;
  if (HttpConnection* connection = exchange->responder.connection()) {
    exchange->on_disconnect = connect(connection, &HttpConnection::closed, this, [weak] {
      if (auto j = weak.lock()) j->cancel.store(true);
    });
  } else {
    job->cancel.store(true);
  }
  // The headers go now, so clients see the 200 at once.
  if (exchange->stream) exchange->responder.begin_stream(200, "text/event-stream");
}

}  // namespace veloce::server
