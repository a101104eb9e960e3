#pragma once
// The user's settings, persisted with QSettings (AppConfigLocation) and exposed to QML.
// Every property writes through at once, so a crash never loses a changed setting.
// Bind from QML as e.g. `settings.temperature = slider.value`; every property has a NOTIFY signal.
#include <QObject>
#include <QSettings>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <memory>

#include "inference/generation/engine_factory.h"
#include "inference/sampling/sampler.h"

namespace veloce::app {

class AppSettings : public QObject {
  Q_OBJECT
  // Path of the GGUF model file. Reads the override (--model / VELOCE_MODEL) when one is active;
  // writing stores the setting and clears the override (the user picked a file on purpose).
  Q_PROPERTY(QString modelPath READ modelPath WRITE setModelPath NOTIFY modelPathChanged)
  // True while --model PATH or VELOCE_MODEL decides the model (the settings page can say so).
  Q_PROPERTY(bool modelPathOverridden READ modelPathOverridden NOTIFY modelPathChanged)
  // Compute device: "" = automatic (VELOCE_DEVICE, else the best Vulkan device), "reference" = the
  // plain CPU reference backend (slow; for tests and diagnosis), anything else = a Vulkan device by
  // index, name or UUID as listed in `devices`.
  Q_PROPERTY(QString device READ device WRITE setDevice NOTIFY deviceChanged)
  // Devices for the settings page, each a map {id, name, detail, supported}; `id` is what `device`
  // takes. The first entries are always {id: "", name: "Automatic"} and {id: "reference", ...};
  // then every Vulkan device from veloce::vk::list_devices() (id = its UUID, stable across reboots).
  Q_PROPERTY(QVariantList devices READ devices NOTIFY devicesChanged)
  // KV cache length in tokens (256 .. 16384, Phi-4's training context). Takes effect on the next load.
  Q_PROPERTY(int contextSize READ contextSize WRITE setContextSize NOTIFY contextSizeChanged)
  // KV cache storage: "f16" or "q8_0" (about half the memory; inference/model/kv_type.h). Anything
  // else reads as "f16". Takes effect on the next load.
  Q_PROPERTY(QString kvType READ kvType WRITE setKvType NOTIFY kvTypeChanged)
  // Sampling; ranges are clamped on write. temperature 0 = greedy.
  Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY samplingChanged)
  Q_PROPERTY(int topK READ topK WRITE setTopK NOTIFY samplingChanged)                                // 0 = off
  Q_PROPERTY(double topP READ topP WRITE setTopP NOTIFY samplingChanged)                             // 1 = off
  Q_PROPERTY(double minP READ minP WRITE setMinP NOTIFY samplingChanged)                             // 0 = off
  Q_PROPERTY(double repeatPenalty READ repeatPenalty WRITE setRepeatPenalty NOTIFY samplingChanged)  // 1 = off
  // 0 = a fresh random seed for every reply (as stored per conversation); > 0 = reproducible replies.
  Q_PROPERTY(qint64 seed READ seed WRITE setSeed NOTIFY samplingChanged)
  // Longest reply in tokens (1 .. 16384).
  Q_PROPERTY(int maxReplyTokens READ maxReplyTokens WRITE setMaxReplyTokens NOTIFY samplingChanged)
  // System prompt for conversations that have none of their own.
  Q_PROPERTY(
      QString defaultSystemPrompt READ defaultSystemPrompt WRITE setDefaultSystemPrompt NOTIFY defaultSystemPromptChanged)
  // "light", "dark" or "system".
  Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)
  // Base font size in points (8 .. 32).
  Q_PROPERTY(int fontSize READ fontSize WRITE setFontSize NOTIFY fontSizeChanged)
  // "" = follow the system locale, else a language code with a shipped translation ("en", "it").
  Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
  // The folder of the last successful export from the dialog ("" before the first); kept by
  // "Reset to defaults", like the model file, since it is a place, not a preference.
  Q_PROPERTY(QString exportFolder READ exportFolder WRITE setExportFolder NOTIFY exportFolderChanged)
  // The local OpenAI-compatible server (Settings > Server): off by default, loopback only; the
  // port it listens on (1024 .. 65535); whether its chats are stored in the history.
  Q_PROPERTY(bool serverEnabled READ serverEnabled WRITE setServerEnabled NOTIFY serverChanged)
  Q_PROPERTY(int serverPort READ serverPort WRITE setServerPort NOTIFY serverChanged)
  Q_PROPERTY(bool serverStoresChats READ serverStoresChats WRITE setServerStoresChats NOTIFY serverChanged)
  // The conversation open when the app was last used (-1: a new one), reopened at start.
  Q_PROPERTY(qint64 lastConversationId READ lastConversationId WRITE setLastConversationId NOTIFY lastConversationIdChanged)

 public:
  // Uses the application's QSettings (organisation/application names must be set first).
  explicit AppSettings(QObject* parent = nullptr);
  // Uses an INI file at `iniPath` (tests, portable installs).
  explicit AppSettings(const QString& iniPath, QObject* parent = nullptr);
  ~AppSettings() override;

  QString modelPath() const;
  void setModelPath(const QString& path);
  bool modelPathOverridden() const { return !modelOverride_.isEmpty(); }
  // Applies --model / VELOCE_MODEL for this run only (never written to the settings file).
  void setModelPathOverride(const QString& path);

  QString device() const;
  void setDevice(const QString& device);
  QVariantList devices() const;
  // Enumerates devices again (e.g. after a driver change); emits devicesChanged.
  Q_INVOKABLE void refreshDevices();

  int contextSize() const;
  void setContextSize(int tokens);
  QString kvType() const;
  void setKvType(const QString& type);
  double temperature() const;
  void setTemperature(double value);
  int topK() const;
  void setTopK(int value);
  double topP() const;
  void setTopP(double value);
  double minP() const;
  void setMinP(double value);
  double repeatPenalty() const;
  void setRepeatPenalty(double value);
  qint64 seed() const;
  void setSeed(qint64 value);
  int maxReplyTokens() const;
  void setMaxReplyTokens(int tokens);
  QString defaultSystemPrompt() const;
  void setDefaultSystemPrompt(const QString& text);
  QString theme() const;
  void setTheme(const QString& theme);
  int fontSize() const;
  void setFontSize(int points);
  QString language() const;
  void setLanguage(const QString& code);
  QString exportFolder() const;
  void setExportFolder(const QString& folder);
  qint64 lastConversationId() const;
  void setLastConversationId(qint64 id);
  bool serverEnabled() const;
  void setServerEnabled(bool on);
  int serverPort() const;
  void setServerPort(int port);
  bool serverStoresChats() const;
  void setServerStoresChats(bool on);

  // Puts every setting back to its default (the model path is kept).
  Q_INVOKABLE void resetToDefaults();
  // Settings > Generation's "Reset to defaults": puts back only what that page shows (sampling,
  // reply length, default system prompt) and returns what was stored before, for its Undo.
  Q_INVOKABLE QVariantMap resetGeneration();
  // Undo of resetGeneration(): stores `before` (its return value) again. Keys that are not the
  // generation page's are ignored, so nothing else can be written through it.
  Q_INVOKABLE void restoreGeneration(const QVariantMap& before);

  // For the engine: backend + device from `device`.
  veloce::EngineOptions engineOptions() const;
  // For the sampler; a seed of 0 is replaced by a random one on every call.
  veloce::SamplerParams samplerParams() const;

 signals:
  void modelPathChanged();
  void deviceChanged();
  void devicesChanged();
  void contextSizeChanged();
  void kvTypeChanged();
  void samplingChanged();
  void defaultSystemPromptChanged();
  void themeChanged();
  void fontSizeChanged();
  void languageChanged();
  void exportFolderChanged();
  void lastConversationIdChanged();
  void serverChanged();

 private:
  void writeValue(const QString& key, const QVariant& value);
  std::unique_ptr<QSettings> settings_;
  QString modelOverride_;
  mutable QVariantList devices_;
  mutable bool devicesListed_ = false;
};

}  // namespace veloce::app
