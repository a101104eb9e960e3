// veloce-cli devices: the Vulkan devices the engine can use, and which one it picks by default.
#include <cstdio>
#include <string>

#include "app/cli/command.h"
#include "inference/vulkan/device_list.h"
#include "inference/vulkan/kernels.h"

namespace veloce::cli {
namespace {

std::string json_escape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else out += static_cast<char>(c);
  }
  return out;
}

const char* yes(bool b) { return b ? "yes" : "no"; }
const char* jbool(bool b) { return b ? "true" : "false"; }

int run(Args& args) {
  const bool json = args.flag({"--json"});
  args.finish();
  const auto devices = vk::list_devices();
  // Before any output: a bad VELOCE_VK_ATTENTION is the command's one error line.
  const char* attention = vk::attention_variant_name(vk::choose_attention());
  vk::check_prompt_kernel_settings();  // likewise a bad VELOCE_VK_INT8_MATMUL, _HALF_TILES or _COOPMAT
  std::string warning;
  long long chosen = -1;
  std::string choice_error;
  try {
    chosen = vk::choose_device(devices, "", &warning);
  } catch (const std::exception& e) {
    choice_error = e.what();
  }
  if (json) {
    std::printf("{\"default\": %lld, \"devices\": [", chosen);
    for (size_t i = 0; i < devices.size(); ++i) {
      const auto& d = devices[i];
      std::printf(
          "%s\n  {\"index\": %u, \"name\": \"%s\", \"type\": \"%s\", \"vendor\": \"%s\", \"driver\": \"%s\", "
          "\"api_version\": \"%s\", \"device_local_bytes\": %llu, \"uuid\": \"%s\", \"subgroup_size\": %u, "
          "\"storage_16bit\": %s, \"storage_8bit\": %s, \"shader_float16\": %s, \"shader_int8\": %s, "
          "\"subgroup_arithmetic\": %s, \"integer_dot_product\": %s, \"integer_dot_accelerated\": %s, "
          "\"cooperative_matrix_nv\": %s, \"subgroup_size_control\": %s, \"min_subgroup_size\": %u, "
          "\"max_subgroup_size\": %u, "
          "\"matvec_kernels\": \"%s\", \"matvec_subgroup_size\": %u, \"prompt_matmul\": \"%s\", "
          "\"attention_kernels\": \"%s\", \"supported\": %s, \"unsupported_reason\": \"%s\"}",
          i ? "," : "", d.index, json_escape(d.name).c_str(), vk::device_kind_name(d.kind), json_escape(d.vendor).c_str(),
          json_escape(d.driver).c_str(), d.api_version.c_str(), static_cast<unsigned long long>(d.device_local_bytes),
          d.uuid.c_str(), d.subgroup_size, jbool(d.storage_16bit), jbool(d.storage_8bit), jbool(d.shader_float16),
          jbool(d.shader_int8), jbool(d.subgroup_arithmetic), jbool(d.integer_dot_product), jbool(d.integer_dot_accelerated),
          jbool(d.cooperative_matrix_nv), jbool(d.subgroup_size_control), d.min_subgroup_size, d.max_subgroup_size,
          vk::matvec_variant_name(vk::choose_matvec(d)), vk::matvec_subgroup_size(d), vk::prompt_matmul_name(d).c_str(),
          attention, jbool(d.supported), json_escape(d.unsupported_reason).c_str());
    }
    std::printf("\n]}\n");
    return 0;
  }
  if (devices.empty()) std::printf("no Vulkan devices\n");
  for (const auto& d : devices) {
    std::printf("%s%u: %s\n", static_cast<long long>(d.index) == chosen ? "* " : "  ", d.index, d.name.c_str());
    std::printf("     type %s, vendor %s, driver %s, Vulkan %s\n", vk::device_kind_name(d.kind), d.vendor.c_str(),
                d.driver.c_str(), d.api_version.c_str());
    const std::string pinnable = d.subgroup_size_control ? " (pipelines can pin " + std::to_string(d.min_subgroup_size) +
                                                               "-" + std::to_string(d.max_subgroup_size) + ")"
                                                         : "";
    std::printf("     device-local memory %.2f GiB, subgroup size %u%s, UUID %s\n",
                static_cast<double>(d.device_local_bytes) / (1ull << 30), d.subgroup_size, pinnable.c_str(), d.uuid.c_str());
    std::printf(
        "     16-bit storage %s, 8-bit storage %s, fp16 arithmetic %s, int8 arithmetic %s, "
        "subgroup arithmetic %s, integer dot product %s%s, cooperative matrix (NV) %s\n",
        yes(d.storage_16bit), yes(d.storage_8bit), yes(d.shader_float16), yes(d.shader_int8), yes(d.subgroup_arithmetic),
        yes(d.integer_dot_product), d.integer_dot_product && !d.integer_dot_accelerated ? " (not accelerated)" : "",
        yes(d.cooperative_matrix_nv));
    if (d.supported) {
      const vk::MatvecVariant family = vk::choose_matvec(d);
      const bool pinned = family == vk::MatvecVariant::Gpu && vk::gpu_geometry(d).subgroup != 0;
      std::printf("     mat-vec kernels %s, subgroup size %u%s; attention %s\n", vk::matvec_variant_name(family),
                  vk::matvec_subgroup_size(d), pinned ? " (pinned)" : "", attention);
      std::printf("     prompt batches: %s\n", vk::prompt_matmul_name(d).c_str());
    }
    if (!d.supported) std::printf("     not usable: %s\n", d.unsupported_reason.c_str());
  }
  if (chosen >= 0) std::printf("default: %lld (* above; override with --device or VELOCE_DEVICE)\n", chosen);
  if (!choice_error.empty()) std::printf("no default: %s\n", choice_error.c_str());
  if (!warning.empty()) std::printf("note: %s\n", warning.c_str());
  return 0;
}

CommandRegistration reg{{"devices", "list the Vulkan devices and the default choice",
                         R"(usage: veloce-cli devices [--json]

Lists every Vulkan device: name, type, vendor, driver, device-local memory, UUID, subgroup size
the optional features Veloce can use, and the mat-vec kernel family it would run there (gpu, cpu
or baseline; VELOCE_VK_KERNELS forces one) with its subgroup size, its attention kernel, and the
products prompt batches run as (mat-vecs, or tiled fp32 or int8 matmuls from some token count on;
VELOCE_VK_INT8_MATMUL=0 or 1 decides the int8 one, VELOCE_VK_COOPMAT=1 asks for NVIDIA's matrix
units). The default device (marked *) is the discrete
GPU with the most device-local memory, else an integrated GPU, else a CPU driver such as lavapipe
(slow).
Other commands take --device (index, name substring or UUID); VELOCE_DEVICE does the same.

options:
  --json    one JSON object: {"default": index, "devices": [...]}
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
