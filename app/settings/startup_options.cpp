#include "app/settings/startup_options.h"

namespace veloce::app {
namespace {

// "--name value" or "--name=value"; the last occurrence wins, like most command lines.
QString optionValue(const QStringList& arguments, const QString& name) {
  QString value;
  const QString prefix = name + QLatin1Char('=');
  for (int i = 1; i < arguments.size(); ++i) {
    const QString& a = arguments[i];
    if (a == name && i + 1 < arguments.size()) {
      value = arguments[++i];
    } else if (a.startsWith(prefix)) {
      value = a.mid(prefix.size());
    }
  }
  return value;
}

}  // namespace

StartupOptions parseStartupOptions(const QStringList& arguments, const QProcessEnvironment& env) {
  StartupOptions options;
  options.modelPath = optionValue(arguments, QStringLiteral("--model"));
  if (options.modelPath.isEmpty()) options.modelPath = env.value(QStringLiteral("VELOCE_MODEL"));
  options.dbPath = optionValue(arguments, QStringLiteral("--db"));
  return options;
}

}  // namespace veloce::app
