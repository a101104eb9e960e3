#include "app/chat/model_file_problem.h"

#include <QCoreApplication>
#include <QStringList>

namespace veloce::app {
namespace {

bool containsAny(const QString& text, const QStringList& needles) {
  for (const QString& n : needles)
    if (text.contains(n)) return true;
  return false;
}

}  // namespace

ModelFileProblem classifyModelFileError(const QString& m) {
  // The loader's reasons (inference/gguf, inference/model) are stable wording that names the
  // field; each phrase below is one of them. Truncation comes first: a cut file also fails later
  // checks, but "it ends early" is what the user can act on (download it again).
  if (containsAny(m, {QStringLiteral("unexpected end of file"), QStringLiteral("truncated"),
                      QStringLiteral("cannot fit in the"), QStringLiteral("smaller than a GGUF header"),
                      QStringLiteral("past the end of the data section"), QStringLiteral("bytes left in the file")}))
    return ModelFileProblem::EndsEarly;
  if (m.contains(QStringLiteral(": magic: "))) return ModelFileProblem::NotGguf;
  if (m.contains(QStringLiteral("not a regular file"))) return ModelFileProblem::NotAFile;
  if (containsAny(m, {QStringLiteral(": open: "), QStringLiteral(": stat: "), QStringLiteral(": mmap: ")}))
    return ModelFileProblem::Unreadable;
  if (m.contains(QStringLiteral(": version: "))) return ModelFileProblem::OldOrNewGguf;
  if (containsAny(m, {QStringLiteral("general.architecture"), QStringLiteral("missing (a required hyperparameter)"),
                      QStringLiteral("missing (expected shape"), QStringLiteral(", expected ["),
                      QStringLiteral("is not allowed here"), QStringLiteral("unsupported tensor type"),
                      QStringLiteral("the file has no vocabulary")}))
    return ModelFileProblem::NotPhi4;
  return ModelFileProblem::Damaged;
}

QString modelFileProblemText(ModelFileProblem problem) {
  switch (problem) {
    case ModelFileProblem::EndsEarly:
      return QCoreApplication::translate(
          "ModelFileProblem", "This file is not a complete Phi-4 GGUF model: it ends early (downloaded partly?).");
    case ModelFileProblem::NotGguf:
      return QCoreApplication::translate("ModelFileProblem", "This file is not a GGUF model: choose a Phi-4 .gguf file.");
    case ModelFileProblem::NotAFile:
      return QCoreApplication::translate("ModelFileProblem", "This is not a file: choose a Phi-4 .gguf file.");
    case ModelFileProblem::Unreadable:
      return QCoreApplication::translate("ModelFileProblem",
                                         "This file could not be read (permissions, or a disk problem).");
    case ModelFileProblem::OldOrNewGguf:
      return QCoreApplication::translate("ModelFileProblem", "This GGUF file is in a format version Veloce cannot read.");
    case ModelFileProblem::NotPhi4:
      return QCoreApplication::translate("ModelFileProblem", "This GGUF file is not a Phi-4 model that Veloce can run.");
    case ModelFileProblem::Damaged:
      return QCoreApplication::translate("ModelFileProblem", "This file is not a valid Phi-4 GGUF model: it is damaged.");
  }
  return {};
}

QString explainModelFileError(const QString& loaderMessage) {
  return modelFileProblemText(classifyModelFileError(loaderMessage)) + QLatin1Char('\n') + loaderMessage;
}

}  // namespace veloce::app
