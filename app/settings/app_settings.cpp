#include "app/settings/app_settings.h"

#include <QCoreApplication>
#include <algorithm>
#include <array>
#include <random>

#include "app/settings/device_list.h"

namespace veloce::app {
namespace {

// Keys and defaults in one place; the settings page's "reset" and first run use the same values.
constexpr auto kModelPath = "model/path";
constexpr auto kDevice = "engine/device";
constexpr auto kContextSize = "engine/contextSize";
constexpr auto kKvType = "engine/kvType";
constexpr auto kTemperature = "sampling/temperature";
constexpr auto kTopK = "sampling/topK";
constexpr auto kTopP = "sampling/topP";
constexpr auto kMinP = "sampling/minP";
constexpr auto kRepeatPenalty = "sampling/repeatPenalty";
constexpr auto kSeed = "sampling/seed";
constexpr auto kMaxReply = "sampling/maxReplyTokens";
constexpr auto kSystemPrompt = "chat/defaultSystemPrompt";
constexpr auto kTheme = "ui/theme";
constexpr auto kFontSize = "ui/fontSize";
constexpr auto kLanguage = "ui/language";
constexpr auto kExportFolder = "ui/exportFolder";
constexpr auto kLastConversation = "ui/lastConversation";
constexpr auto kServerEnabled = "server/enabled";
constexpr auto kServerPort = "server/port";
constexpr auto kServerStoresChats = "server/storeChats";
// What Settings > Generation shows, and so all that its "Reset to defaults" may touch.
constexpr std::array kGenerationKeys = {kTemperature, kTopK, kTopP, kMinP, kRepeatPenalty, kSeed, kMaxReply, kSystemPrompt};

constexpr int kDefaultContext = 4096;
constexpr int kMinContext = 256;
constexpr int kMaxContext = 16384;  // Phi-4's training context
constexpr double kDefaultTemperature = 0.7;
constexpr int kDefaultTopK = 40;
constexpr double kDefaultTopP = 0.95;
constexpr double kDefaultMinP = 0.05;
constexpr double kDefaultRepeatPenalty = 1.0;
constexpr int kDefaultMaxReply = 1024;
constexpr int kDefaultFontSize = 11;
constexpr int kDefaultServerPort = 8734;  // veloce-cli serve's default too
// Translated when read, so an Italian interface starts with an Italian default prompt; once
// the user edits it, their text is stored and used as written.
const char* const kDefaultSystemPrompt = QT_TRANSLATE_NOOP("AppSettings", "You are a helpful assistant.");

}  // namespace

AppSettings::AppSettings(QObject* parent) : QObject(parent), settings_(std::make_unique<QSettings>()) {}

AppSettings::AppSettings(const QString& iniPath, QObject* parent)
    : QObject(parent), settings_(std::make_unique<QSettings>(iniPath, QSettings::IniFormat)) {}

AppSettings::~AppSettings() = default;

void AppSettings::writeValue(const QString& key, const QVariant& value) {
  settings_->setValue(key, value);
  // Written through at once: a crash right after changing a setting must not lose it.
  settings_->sync();
}

QString AppSettings::modelPath() const {
  return modelOverride_.isEmpty() ? settings_->value(kModelPath).toString() : modelOverride_;
}

void AppSettings::setModelPath(const QString& path) {
  if (path == modelPath() && modelOverride_.isEmpty()) return;
  modelOverride_.clear();
  writeValue(kModelPath, path);
  emit modelPathChanged();
}

void AppSettings::setModelPathOverride(const QString& path) {
  if (modelOverride_ == path) return;
  modelOverride_ = path;
  emit modelPathChanged();
}

QString AppSettings::device() const { return settings_->value(kDevice).toString(); }

void AppSettings::setDevice(const QString& device) {
  if (device == this->device()) return;
  writeValue(kDevice, device);
  emit deviceChanged();
}

QVariantList AppSettings::devices() const {
  if (!devicesListed_) {
    devices_ = listComputeDevices();
    devicesListed_ = true;
  }
  return devices_;
}

void AppSettings::refreshDevices() {
  devices_ = listComputeDevices();
  devicesListed_ = true;
  emit devicesChanged();
}

int AppSettings::contextSize() const {
  return std::clamp(settings_->value(kContextSize, kDefaultContext).toInt(), kMinContext, kMaxContext);
}

void AppSettings::setContextSize(int tokens) {
  tokens = std::clamp(tokens, kMinContext, kMaxContext);
  if (tokens == contextSize()) return;
  writeValue(kContextSize, tokens);
  emit contextSizeChanged();
}

QString AppSettings::kvType() const {
  const std::string stored = settings_->value(kKvType).toString().toStdString();
  return QString::fromLatin1(veloce::kv_type_name(veloce::kv_type_from_name(stored).value_or(veloce::KvType::F16)));
}

void AppSettings::setKvType(const QString& type) {
  const auto parsed = veloce::kv_type_from_name(type.toStdString());
  if (!parsed || type == kvType()) return;
  writeValue(kKvType, type);
  emit kvTypeChanged();
}

double AppSettings::temperature() const {
  return std::clamp(settings_->value(kTemperature, kDefaultTemperature).toDouble(), 0.0, 5.0);
}
void AppSettings::setTemperature(double value) {
  value = std::clamp(value, 0.0, 5.0);
  if (value == temperature()) return;
  writeValue(kTemperature, value);
  emit samplingChanged();
}

int AppSettings::topK() const { return std::max(0, settings_->value(kTopK, kDefaultTopK).toInt()); }
void AppSettings::setTopK(int value) {
  value = std::max(0, value);
  if (value == topK()) return;
  writeValue(kTopK, value);
  emit samplingChanged();
}

double AppSettings::topP() const { return std::clamp(settings_->value(kTopP, kDefaultTopP).toDouble(), 0.0, 1.0); }
void AppSettings::setTopP(double value) {
  value = std::clamp(value, 0.0, 1.0);
  if (value == topP()) return;
  writeValue(kTopP, value);
  emit samplingChanged();
}

double AppSettings::minP() const { return std::clamp(settings_->value(kMinP, kDefaultMinP).toDouble(), 0.0, 1.0); }
void AppSettings::setMinP(double value) {
  value = std::clamp(value, 0.0, 1.0);
  if (value == minP()) return;
  writeValue(kMinP, value);
  emit samplingChanged();
}

double AppSettings::repeatPenalty() const {
  return std::clamp(settings_->value(kRepeatPenalty, kDefaultRepeatPenalty).toDouble(), 0.5, 3.0);
}
void AppSettings::setRepeatPenalty(double value) {
  value = std::clamp(value, 0.5, 3.0);
  if (value == repeatPenalty()) return;
  writeValue(kRepeatPenalty, value);
  emit samplingChanged();
}

qint64 AppSettings::seed() const { return std::max<qint64>(0, settings_->value(kSeed, 0).toLongLong()); }
void AppSettings::setSeed(qint64 value) {
  value = std::max<qint64>(0, value);
  if (value == seed()) return;
  writeValue(kSeed, value);
  emit samplingChanged();
}

int AppSettings::maxReplyTokens() const {
  return std::clamp(settings_->value(kMaxReply, kDefaultMaxReply).toInt(), 1, kMaxContext);
}
void AppSettings::setMaxReplyTokens(int tokens) {
  tokens = std::clamp(tokens, 1, kMaxContext);
  if (tokens == maxReplyTokens()) return;
  writeValue(kMaxReply, tokens);
  emit samplingChanged();
}

QString AppSettings::defaultSystemPrompt() const {
  return settings_->value(kSystemPrompt, QCoreApplication::translate("AppSettings", kDefaultSystemPrompt)).toString();
}
void AppSettings::setDefaultSystemPrompt(const QString& text) {
  if (text == defaultSystemPrompt()) return;
  writeValue(kSystemPrompt, text);
  emit defaultSystemPromptChanged();
}

QString AppSettings::theme() const {
  const QString t = settings_->value(kTheme, QStringLiteral("system")).toString();
  return (t == QLatin1String("light") || t == QLatin1String("dark")) ? t : QStringLiteral("system");
}
void AppSettings::setTheme(const QString& theme) {
  const QString t = (theme == QLatin1String("light") || theme == QLatin1String("dark")) ? theme : QStringLiteral("system");
  if (t == this->theme()) return;
  writeValue(kTheme, t);
  emit themeChanged();
}

int AppSettings::fontSize() const { return std::clamp(settings_->value(kFontSize, kDefaultFontSize).toInt(), 8, 32); }
void AppSettings::setFontSize(int points) {
  points = std::clamp(points, 8, 32);
  if (points == fontSize()) return;
  writeValue(kFontSize, points);
  emit fontSizeChanged();
}

QString AppSettings::language() const { return settings_->value(kLanguage).toString(); }
void AppSettings::setLanguage(const QString& code) {
  if (code == language()) return;
  writeValue(kLanguage, code);
  emit languageChanged();
  // The untouched default prompt is translated: it reads differently once the new translation
  // is installed (by a slot of languageChanged), so tell its readers after that.
  QMetaObject::invokeMethod(this, &AppSettings::defaultSystemPromptChanged, Qt::QueuedConnection);
}

QString AppSettings::exportFolder() const { return settings_->value(kExportFolder).toString(); }
void AppSettings::setExportFolder(const QString& folder) {
  if (folder == exportFolder()) return;
  writeValue(kExportFolder, folder);
  emit exportFolderChanged();
}

qint64 AppSettings::lastConversationId() const { return settings_->value(kLastConversation, -1).toLongLong(); }
void AppSettings::setLastConversationId(qint64 id) {
  if (id == lastConversationId()) return;
  writeValue(kLastConversation, id);
  emit lastConversationIdChanged();
}

bool AppSettings::serverEnabled() const { return settings_->value(kServerEnabled, false).toBool(); }
void AppSettings::setServerEnabled(bool on) {
  if (on == serverEnabled()) return;
  writeValue(kServerEnabled, on);
  emit serverChanged();
}

int AppSettings::serverPort() const {
  const int port = settings_->value(kServerPort, kDefaultServerPort).toInt();
  return port >= 1024 && port <= 65535 ? port : kDefaultServerPort;
}
void AppSettings::setServerPort(int port) {
  port = std::clamp(port, 1024, 65535);  // below 1024 needs root on Linux
  if (port == serverPort()) return;
  writeValue(kServerPort, port);
  emit serverChanged();
}

bool AppSettings::serverStoresChats() const { return settings_->value(kServerStoresChats, false).toBool(); }
void AppSettings::setServerStoresChats(bool on) {
  if (on == serverStoresChats()) return;
  writeValue(kServerStoresChats, on);
  emit serverChanged();
}

void AppSettings::resetToDefaults() {
  // The server goes off too: a reset never leaves a port open that the user did not just choose.
  for (const char* key :
       {kDevice, kContextSize, kKvType, kTemperature, kTopK, kTopP, kMinP, kRepeatPenalty, kSeed, kMaxReply, kSystemPrompt,
        kTheme, kFontSize, kLanguage, kServerEnabled, kServerPort, kServerStoresChats}) {
    settings_->remove(key);
  }
  settings_->sync();
  emit deviceChanged();
  emit contextSizeChanged();
  emit kvTypeChanged();
  emit samplingChanged();
  emit defaultSystemPromptChanged();
  emit themeChanged();
  emit fontSizeChanged();
  emit languageChanged();
  emit serverChanged();
}

QVariantMap AppSettings::resetGeneration() {
  // Only keys that were stored: one absent reads as its default, and stays absent after an undo
  // (so a later change of the default still reaches it).
  QVariantMap before;
  for (const char* key : kGenerationKeys) {
    if (settings_->contains(key)) before.insert(QString::fromLatin1(key), settings_->value(key));
    settings_->remove(key);
  }
  settings_->sync();
  emit samplingChanged();
  emit defaultSystemPromptChanged();
  return before;
}

void AppSettings::restoreGeneration(const QVariantMap& before) {
  for (const char* key : kGenerationKeys) {
    const auto stored = before.constFind(QString::fromLatin1(key));
    if (stored != before.constEnd()) settings_->setValue(key, *stored);
    else settings_->remove(key);
  }
  settings_->sync();
  emit samplingChanged();
  emit defaultSystemPromptChanged();
}

veloce::EngineOptions AppSettings::engineOptions() const {
  veloce::EngineOptions options;
  options.n_ctx = static_cast<size_t>(std::max(contextSize(), 1));  // what the memory plan reserves
  options.kv_type = veloce::kv_type_from_name(kvType().toStdString()).value_or(veloce::KvType::F16);
  const QString d = device();
  if (d == QLatin1String(kReferenceDeviceId)) {
    options.backend = "reference";
  } else {
    options.backend = "vulkan";
    options.device = d.toStdString();
  }
  return options;
}

veloce::SamplerParams AppSettings::samplerParams() const {
  veloce::SamplerParams p;
  p.temperature = static_cast<float>(temperature());
  p.top_k = topK();
  p.top_p = static_cast<float>(topP());
  p.min_p = static_cast<float>(minP());
  p.repeat_penalty = static_cast<float>(repeatPenalty());
  const qint64 s = seed();
  if (s > 0) {
    p.seed = static_cast<uint64_t>(s);
  } else {
    std::random_device rd;
    p.seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }
  return p;
}

}  // namespace veloce::app
