// veloce-cli serve: the loaded model over OpenAI's HTTP API for the user's other programs.
// Loopback only unless --host says otherwise, and then only with a key.
#include <QCoreApplication>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "app/cli/command.h"
#include "app/server/api_server.h"
#include "app/server/bearer_key.h"
#include "app/server/generation_queue.h"
#include "inference/generation/engine_factory.h"
#include "inference/generation/generator.h"
#include "inference/model/model.h"

namespace veloce::cli {
namespace {

std::atomic<bool> g_quit{false};
extern "C" void on_quit_signal(int) { g_quit.store(true); }

QHostAddress parse_host(const std::string& host) {
  if (host == "localhost") return QHostAddress(QHostAddress::LocalHost);
  QHostAddress address;
  if (!address.setAddress(QString::fromStdString(host)))
    throw UsageError("--host: not an IP address: " + host + " (use 127.0.0.1, ::1, 0.0.0.0 or an interface's address)");
  return address;
}

int run(Args& args) {
  const std::string model_path = args.required({"-m", "--model"});
  const std::string host = args.value({"--host"}).value_or("127.0.0.1");
  const long long port = args.integer({"--port"}, 8734);
  const std::optional<std::string> key_option = args.value({"--api-key"});
  const long long n_ctx = args.integer({"-c", "--ctx-size"}, 4096);
  const long long queue_size = args.integer({"--queue"}, 8);
  const long long max_body = args.integer({"--max-body"}, 1 << 20);
  EngineOptions options;
  options.backend = args.value({"--backend"}).value_or("vulkan");
  options.device = args.value({"--device"}).value_or("");
  args.finish();
  if (port < 0 || port > 65535) throw UsageError("--port must be between 0 and 65535");
  if (n_ctx < 16 || n_ctx > 1 << 24) throw UsageError("-c must be between 16 and 16777216");
  if (queue_size < 0 || queue_size > 1024) throw UsageError("--queue must be between 0 and 1024");
  if (max_body < 1024 || max_body > 64 << 20) throw UsageError("--max-body must be between 1024 and 67108864");
  // A key on the command line is visible to other local users in `ps`; the environment is not.
  // A key given but blank is refused rather than read as "no key": its user meant to protect the server.
  std::string api_key;
  if (key_option) {
    api_key = *key_option;
    if (const std::string problem = server::api_key_problem(api_key); !problem.empty())
      throw UsageError("--api-key: " + problem);
  } else if (const char* env = std::getenv("VELOCE_API_KEY")) {
    api_key = env;
    if (const std::string problem = server::api_key_problem(api_key); !problem.empty())
      throw UsageError("VELOCE_API_KEY: " + problem + " (unset it to serve without a key)");
  }
  const QHostAddress address = parse_host(host);
  if (!address.isLoopback() && api_key.empty())
    throw UsageError("refusing to serve on " + host +
                     " without a key: anyone who can reach it could use the model; pass --api-key KEY "
                     "(or set VELOCE_API_KEY), or serve on 127.0.0.1");

  int argc = 1;
  char arg0[] = "veloce-cli";
  char* argv[] = {arg0, nullptr};
  QCoreApplication app(argc, argv);

  const auto model = Model::load(model_path);
  options.on_info = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  options.n_ctx = static_cast<size_t>(n_ctx);
  auto engine = make_engine(model, options);
  auto session = engine->create_session(static_cast<size_t>(n_ctx));
  Generator generator(*session, model->tokenizer());
  server::SharedGenerator shared;
  shared.set(&generator);

  server::ServerConfig config;
  config.model_id = QFileInfo(QString::fromStdString(model_path)).completeBaseName().toStdString();
  config.api_key = api_key;
  config.max_body_bytes = static_cast<size_t>(max_body);
  config.n_ctx = static_cast<size_t>(n_ctx);
  // The queue goes before the server: its worker's queued callbacks name the server.
  auto queue = std::make_unique<server::GenerationQueue>(shared, static_cast<size_t>(queue_size));
  server::ApiServer api(config, model->tokenizer(), *queue);
  auto* tcp = new QTcpServer(&api);
  if (!tcp->listen(address, static_cast<quint16>(port)))
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                             tcp->errorString().toStdString());
  api.bind(tcp);
  const QString shown =
      address.protocol() == QAbstractSocket::IPv6Protocol ? "[" + address.toString() + "]" : address.toString();
  // Tests and scripts read this line for the port (--port 0 picks a free one).
  std::printf("serving %s (%s backend) at http://%s:%u/v1%s\n", config.model_id.c_str(), engine->name().c_str(),
              shown.toStdString().c_str(), static_cast<unsigned>(tcp->serverPort()),
              api_key.empty() ? "" : " (bearer key required)");
  std::fflush(stdout);

  auto* previous_int = std::signal(SIGINT, on_quit_signal);
  auto* previous_term = std::signal(SIGTERM, on_quit_signal);
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, [] {
    if (g_quit.load()) QCoreApplication::quit();
  });
  poll.start(100);
  app.exec();
  std::signal(SIGINT, previous_int);
  std::signal(SIGTERM, previous_term);
  queue.reset();  // stops the worker before the server and the session go
  std::fputs("stopped\n", stderr);
  return 0;
}

CommandRegistration reg{{"serve", "serve the model over an OpenAI-compatible HTTP API",
                         R"(usage: veloce-cli serve -m MODEL [--host ADDR] [--port N] [--api-key KEY]
                         [--backend B] [--device D] [-c CTX] [--queue N] [--max-body BYTES]

Serves GET /v1/models, POST /v1/chat/completions and POST /v1/completions (streamed as
server-sent events with "stream": true) as OpenAI's API does, for editors, scripts and agents.
One request generates at a time; up to N more wait, and further ones get 429. A client that
disconnects cancels its generation. Stop with Ctrl-C.

options:
  -m, --model MODEL       Phi-4 GGUF file; its file name without .gguf is the model id
  --host ADDR             address to listen on (default 127.0.0.1, loopback only); any other
                          address needs a key
  --port N                TCP port (default 8734; 0: a free one, printed at start)
  --api-key KEY           require "Authorization: Bearer KEY" (default: VELOCE_API_KEY, else none);
                          a blank key is refused
  --backend B             vulkan (default) or reference (the fp32 CPU oracle: slow)
  --device D              Vulkan device by index, name or UUID
  -c, --ctx-size CTX      context in tokens for prompt and reply together (default 4096)
  --queue N               requests that may wait while one generates (default 8)
  --max-body BYTES        largest request body (default 1048576; larger ones get 413, answered
                          from the headers before the body is read)
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
