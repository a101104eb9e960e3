// Every engine module is a static library; CMake needs at least one source in each, and a
// folder whose code has not landed yet still links. This file gives it that one source.
