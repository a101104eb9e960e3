#pragma once
// A model file the loader refused, explained to the user: first one sentence in plain words (the
// file ends early, it is not a GGUF file, it is another model), then on the next line the
// loader's own message (file, field, reason) for whoever reports the problem. Before, the first
// thing a user read was parser jargon such as "tensor count 291 tensors cannot fit in ...".
#include <QString>

namespace veloce::app {

enum class ModelFileProblem {
  EndsEarly,     // truncated: a partial download or copy
  NotGguf,       // another kind of file (wrong magic)
  NotAFile,      // a folder, a device, a pipe
  Unreadable,    // the system refused to open or map it
  OldOrNewGguf,  // a GGUF version (or byte order) Veloce does not read
  NotPhi4,       // a valid GGUF file of another architecture or layout
  Damaged,       // anything else the parser found inconsistent
};

// Which problem the loader's message (GgufError::what()) describes.
ModelFileProblem classifyModelFileError(const QString& loaderMessage);
// The plain sentence for the user (translated), without the detail.
QString modelFileProblemText(ModelFileProblem problem);
// "<plain sentence>\n<loaderMessage>".
QString explainModelFileError(const QString& loaderMessage);

}  // namespace veloce::app
