#include "test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <stdexcept>

namespace veloce::chat_test {

QString dataPath(const QString& name) {
  const QByteArray env = qgetenv("VELOCE_TEST_DATA");
  const QString base = env.isEmpty() ? QStringLiteral(VELOCE_TEST_DATA) : QString::fromLocal8Bit(env);
  return base + QLatin1Char('/') + name;
}

QProcessEnvironment cliEnvironment(const QString& tmpDir) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("TMPDIR"), tmpDir);
  return env;
}

size_t GreedyReference::reliableSteps() const {
  size_t n = 0;
  while (n < top1Margins.size() && top1Margins[n] >= 0.1) ++n;
  return n;
}

GreedyReference loadGreedyReference(const QString& modelName) {
  QFile file(dataPath(QStringLiteral("reference/greedy.json")));
  if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read reference/greedy.json");
  const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
  const QJsonObject entry = root.value(modelName).toObject();
  if (entry.isEmpty()) throw std::runtime_error("greedy.json has no entry " + modelName.toStdString());
  GreedyReference ref;
  const QString prompt = entry.value(QStringLiteral("prompt")).toString();
  // <|im_start|>system<|im_sep|>S<|im_end|><|im_start|>user<|im_sep|>U<|im_end|>...
  const QRegularExpression re(QStringLiteral(
      "^<\\|im_start\\|>system<\\|im_sep\\|>(.*)<\\|im_end\\|><\\|im_start\\|>user<\\|im_sep\\|>(.*)<\\|im_end\\|>"
      "<\\|im_start\\|>assistant<\\|im_sep\\|>$"));
  const auto match = re.match(prompt);
  if (!match.hasMatch()) throw std::runtime_error("unexpected reference prompt: " + prompt.toStdString());
  ref.systemPrompt = match.captured(1);
  ref.userMessage = match.captured(2);
  for (const auto v : entry.value(QStringLiteral("prompt_ids")).toArray()) ref.promptIds.push_back(v.toInt());
  const QJsonObject cpu = entry.value(QStringLiteral("cpu")).toObject();
  for (const auto v : cpu.value(QStringLiteral("generated_ids")).toArray()) ref.generatedIds.push_back(v.toInt());
  for (const auto v : cpu.value(QStringLiteral("top1_margin")).toArray()) ref.top1Margins.push_back(v.toDouble());
  return ref;
}

}  // namespace veloce::chat_test
