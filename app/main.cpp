// The desktop app: everything lives in veloce_app, app/desktop and ui/; this only starts them.
//   veloce [--model PATH] [--db PATH]
// VELOCE_MODEL also sets the model.
#include "app/desktop/desktop_app.h"

int main(int argc, char* argv[]) { return veloce::app::runDesktopApp(argc, argv); }
