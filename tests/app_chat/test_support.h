#pragma once
// Shared by the chat tests: fixture paths (VELOCE_TEST_DATA, environment first), the greedy
// reference of tests/data/reference/greedy.json, and the environment of a CLI child process.
#include <QProcessEnvironment>
#include <QString>
#include <vector>

namespace veloce::chat_test {

// Path of a file in the test data folder.
QString dataPath(const QString& name);

// This process's environment with TMPDIR set to tmpDir: the CLI keeps its settings in a temporary
// folder, which a SIGKILL leaves behind; inside the test's own folder it goes with it (before,
// every killed run left one in /tmp).
QProcessEnvironment cliEnvironment(const QString& tmpDir);

struct GreedyReference {
  QString systemPrompt;  // parsed from the reference prompt text
  QString userMessage;
  std::vector<int> promptIds;
  std::vector<int> generatedIds;    // llama.cpp CPU backend, argmax, 32 tokens
  std::vector<double> top1Margins;  // logit(best) - logit(second) at each step
  // Steps whose ids must match exactly: up to the first margin below 0.1 (near-ties of random
  // weights flip even between the reference's own backends; fixtures README).
  size_t reliableSteps() const;
};

// Throws std::runtime_error when the file or the model entry is missing.
GreedyReference loadGreedyReference(const QString& modelName);

}  // namespace veloce::chat_test
