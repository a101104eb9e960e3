// veloce-cli pull: downloads a model file (resuming a partial one, checking its SHA-256) into a
// folder and prints its path; ModelDownload does the work, as it does for the app.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkProxyFactory>
#include <QTimer>
#include <atomic>
#include <csignal>
#include <cstdio>

#include "app/cli/app/app_context.h"
#include "app/cli/command.h"
#include "app/download/model_catalogue.h"
#include "app/download/model_download.h"
#include "app/download/url_display.h"
#include "app/settings/app_paths.h"

namespace veloce::cli {
namespace {

std::atomic<bool> g_pause{false};
extern "C" void on_pause_signal(int) { g_pause.store(true); }

QString size(qint64 n) {
  return n < 0 ? QStringLiteral("?") : QLocale::c().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat);
}

int run(Args& args) {
  std::string folder = args.value({"-o", "--output"}).value_or("");
  std::string sha256 = args.value({"--sha256"}).value_or("");
  const long long stall = args.integer({"--stall-timeout"}, 30);
  const bool list = args.flag({"--list"});
  const auto rest = args.positional();
  args.finish();
  if (list) {
    for (const auto& e : app::modelCatalogue())
      std::printf("%-14s %-8s %6.2f GB  %s%s\n", qPrintable(e.name), qPrintable(e.quantization),
                  static_cast<double>(e.sizeBytes) / 1e9, qPrintable(e.url().toString()),
                  e.recommended ? "  (recommended)" : "");
    return 0;
  }
  if (rest.size() != 1) throw UsageError("pull needs one catalogue name or URL");
  if (stall < 1 || stall > 3600) throw UsageError("--stall-timeout must be between 1 and 3600 seconds");
  // A catalogue name (phi-4-Q4_K_M, or just Q4_K_M) stands for its Hugging Face address.
  QUrl url(QString::fromStdString(rest[0]));
  if (rest[0].find("://") == std::string::npos) {
    const app::CatalogueEntry* entry = app::findCatalogueEntry(QString::fromStdString(rest[0]));
    if (!entry) {
      std::string names;
      for (const auto& e : app::modelCatalogue()) names += (names.empty() ? "" : ", ") + e.name.toStdString();
      throw UsageError("no model named '" + rest[0] + "' in the catalogue (" + names + "), and not a URL");
    }
    url = entry->url();
    // The catalogue's own hash, where it pins one, over anything a server publishes.
    if (sha256.empty()) sha256 = entry->sha256.toStdString();
  }
  if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
    throw UsageError(
        "not an http(s) URL: " +
        (url.isValid() ? app::displayUrl(url) : app::withoutCredentials(QString::fromStdString(rest[0]))).toStdString());

  const auto qt = make_qt_app(false);
  QCoreApplication& app = *qt;
  QNetworkProxyFactory::setUseSystemConfiguration(true);  // http_proxy / https_proxy
  if (folder.empty()) {
    folder = app::default_models_folder().toStdString();
  }

  app::DownloadRequest request;
  request.url = url;
  request.folder = QString::fromStdString(folder);
  request.expectedSha256 = QString::fromStdString(sha256);
  request.stallTimeoutMs = static_cast<int>(stall * 1000);
  app::ModelDownload download(request);

  int status = 1;
  QElapsedTimer shown;
  shown.start();
  QObject::connect(&download, &app::ModelDownload::progress, &app,
                   [&](qint64 received, qint64 total, double speed, double left) {
                     if (shown.elapsed() < 500) return;
                     shown.restart();
                     const QString percent = total > 0 ? QStringLiteral(" (%1%)").arg(received * 100 / total) : QString();
                     const QString eta = left >= 0 ? QStringLiteral(", %1 s left").arg(qRound64(left)) : QString();
                     std::fprintf(stderr, "\r%s of %s%s, %s/s%s   ", qPrintable(size(received)), qPrintable(size(total)),
                                  qPrintable(percent), qPrintable(size(static_cast<qint64>(speed))), qPrintable(eta));
                   });
  QObject::connect(&download, &app::ModelDownload::notice, &app,
                   [](const QString& message) { std::fprintf(stderr, "\nnote: %s\n", qPrintable(message)); });
  QObject::connect(&download, &app::ModelDownload::finished, &app, [&](bool ok, const QString& error) {
    std::fputs("\n", stderr);
    if (ok) {
      std::fprintf(stderr, "%s SHA-256 %s\n", download.verified() ? "verified:" : "no published hash to check; its",
                   qPrintable(download.sha256()));
      std::printf("%s\n", qPrintable(download.finalPath()));
      status = 0;
    } else {
      std::fprintf(stderr, "error: %s\n", qPrintable(error));
    }
    std::fflush(stdout);
    QCoreApplication::quit();
  });
  // Ctrl-C pauses: the partial file stays and the next run resumes it.
  // Under a file-size limit (ulimit -f) a write fails with EFBIG, which ModelDownload reports and
  // survives, instead of the default SIGXFSZ killing the program mid-write.
  std::signal(SIGXFSZ, SIG_IGN);
  auto* previous_int = std::signal(SIGINT, on_pause_signal);
  auto* previous_term = std::signal(SIGTERM, on_pause_signal);
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, &app, [&] {
    if (g_pause.exchange(false)) download.cancel();
  });
  poll.start(100);
  QTimer::singleShot(0, &app, [&] {
    download.start();
    if (download.resumedFrom() > 0)
      std::fprintf(stderr, "resuming at byte %lld\n", static_cast<long long>(download.resumedFrom()));
  });
  app.exec();
  std::signal(SIGINT, previous_int);
  std::signal(SIGTERM, previous_term);
  return status;
}

CommandRegistration reg{{"pull", "download a model file, resuming and verifying it",
                         R"(usage: veloce-cli pull NAME|URL [-o DIR] [--sha256 HEX] [--stall-timeout S]

Downloads a Phi-4 file of the catalogue by NAME (phi-4-Q4_K_M, or its quantization: Q4_K_M;
`veloce-cli pull --list` shows them), or any URL (http or https; redirects followed) to DIR/FILE,
FILE being the URL's last path segment. The file is written to NAME.part first and moved into place only after its SHA-256
matched: the one given with --sha256 (or pinned by the catalogue), else the one the first address
publishes (Hugging Face's X-Linked-Etag; a redirect may not replace it). A wrong hash deletes the partial file. An interrupted download (Ctrl-C, a lost
connection, kill -9) resumes where it stopped on the next run with the same URL and folder; a
server that cannot resume starts over. Prints the file's path on success. The system proxy
(http_proxy, https_proxy) is used.

options:
  -o, --output DIR        folder for the file (default: the app's models folder,
                          ~/.local/share/Veloce/Veloce/models)
  --list                  print the catalogue: names, sizes, addresses
  --sha256 HEX            the file's expected SHA-256
  --stall-timeout S       give up when nothing arrives for S seconds (default 30)
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
