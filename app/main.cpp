// The desktop app: everything lives in veloce_app and ui/; this only starts them.
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QUrl>

int main(int argc, char* argv[]) {
  QGuiApplication app(argc, argv);
  QGuiApplication::setApplicationName(QStringLiteral("Veloce"));
  QGuiApplication::setOrganizationName(QStringLiteral("Veloce"));
  QQmlApplicationEngine engine;
  QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app,
                   [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
  engine.load(QUrl(QStringLiteral("qrc:/ui/Main.qml")));
  return QGuiApplication::exec();
}
