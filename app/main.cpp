// The desktop app: everything lives in veloce_app, app/desktop and ui/; this only starts them.
//   veloce [--model PATH] [--db PATH]
//   veloce --version | --help         (answered before any window or display is needed)
// VELOCE_MODEL also sets the model.
#include <cstdio>
#include <cstring>

#include "app/desktop/desktop_app.h"

int main(int argc, char* argv[]) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--version") == 0) {
      std::printf("veloce %s\n", VELOCE_VERSION);
      return 0;
    }
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::fputs(
          "usage: veloce [--model PATH] [--db PATH]\n\n"
          "Offline chat with Microsoft's Phi-4 on your own GPU.\n\n"
          "  --model PATH   the Phi-4 GGUF file for this run (also VELOCE_MODEL)\n"
          "  --db PATH      another conversation database for this run\n"
          "  --version      print the version\n\n"
          "See man veloce; veloce-cli --help for the command-line tool.\n",
          stdout);
      return 0;
    }
  }
  return veloce::app::runDesktopApp(argc, argv);
}
