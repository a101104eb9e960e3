#pragma once
// The tiny fixture on the reference backend with a 64-token session: a real Generator for the
// server's queue and connection tests.
#include <QByteArray>
#include <QtGlobal>

#include <memory>

#include "inference/generation/engine_factory.h"
#include "inference/generation/generator.h"
#include "inference/model/model.h"

struct TinyGenerator {
  std::shared_ptr<const veloce::Model> model =
      veloce::Model::load(qgetenv("VELOCE_TEST_DATA").toStdString() + "/phi4-tiny-Q8_0.gguf");
  std::unique_ptr<veloce::Engine> engine = [this] {
    veloce::EngineOptions options;
    options.backend = "reference";
    options.n_ctx = 64;
    return veloce::make_engine(model, options);
  }();
  std::unique_ptr<veloce::Session> session = engine->create_session(64);
  veloce::Generator generator{*session, model->tokenizer()};
};
