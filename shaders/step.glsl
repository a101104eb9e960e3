// The per-submission state the host writes before each submit, so that the decode command buffer
// can be recorded once and replayed: n_past (position of the first token of the batch).
layout(std430, binding = STEP_BINDING) readonly buffer Step { uint n_past; } step;
