# One line per pipeline: name, source, defines. Owned by the Vulkan engine.
veloce_shader(fill_test fill_test.comp)
