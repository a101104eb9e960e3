#pragma once
// The desktop app's start-up, shared by the veloce executable and the screenshot tool
// (tests/ui/screenshot_app.cpp), so the tool shows exactly the window a user gets:
//   veloce [--model PATH] [--db PATH]   (VELOCE_MODEL also sets the model)
#include <functional>

class QQmlApplicationEngine;

namespace veloce::app {

// Runs the app until its window closes and returns the exit code. afterLoad, when set, runs once
// Main.qml is loaded and before the model starts loading; returning false ends the app with 1.
int runDesktopApp(int argc, char* argv[], const std::function<bool(QQmlApplicationEngine&)>& afterLoad = {});

}  // namespace veloce::app
