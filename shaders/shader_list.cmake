# One line per pipeline: name, source, defines. Owned by the Vulkan engine.
# Weight kernels are named as inference/vulkan/kernel_key.cpp (shader_name) maps a KernelKey:
# <op>[_<family>[p][u]]_<type> (lower case ggml type names; p: packed Q6_K, u: x in a uniform buffer).
veloce_shader(fill_test fill_test.comp)
foreach(t F32 F16 BF16 Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 Q2_K Q3_K Q4_K Q5_K Q6_K)
  string(TOLOWER ${t} lt)
  veloce_shader(matvec_${lt} matvec.comp DEFINES TYPE_${t})
  veloce_shader(matvec_sg_${lt} matvec.comp DEFINES TYPE_${t} SUBGROUP)
  # The GPU family (16/8-bit storage; geometry and token count in specialization constants).
  veloce_shader(matvec_gpu_${lt} matvec_gpu.comp DEFINES TYPE_${t})
  veloce_shader(matmul_${lt} matmul.comp DEFINES TYPE_${t})
  veloce_shader(matmul_large_${lt} matmul_large.comp DEFINES TYPE_${t})
  # The same tile with fp16 weights in shared memory, double-buffered (devices with shaderFloat16).
  veloce_shader(matmul_large_half_${lt} matmul_large.comp DEFINES TYPE_${t} HALF_TILES)
  veloce_shader(get_rows_${lt} get_rows.comp DEFINES TYPE_${t})
  # NVIDIA's matrix units (VK_NV_cooperative_matrix), only when asked for (coopmat_choice.h).
  veloce_shader(matmul_coopmat_${lt} matmul_coopmat.comp DEFINES TYPE_${t})
endforeach()
# The int8 matmul: quantized types only (their groups are integers with one scale and offset).
foreach(t Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 Q2_K Q3_K Q4_K Q5_K Q6_K)
  string(TOLOWER ${t} lt)
  veloce_shader(matmul_int8_${lt} matmul_int8.comp DEFINES TYPE_${t})
endforeach()
# Dedicated subgroup mat-vec kernels of the Q4_K_M mix (CPU devices; see inference/vulkan/kernels.cpp).
veloce_shader(matvec_sgk_q4_k matvec_sg_q4_k.comp DEFINES TYPE_Q4_K)
veloce_shader(matvec_sgk_q5_k matvec_sg_q4_k.comp DEFINES TYPE_Q5_K)
veloce_shader(matvec_sgk_q6_k matvec_sg_q6_k.comp DEFINES)
veloce_shader(matvec_sgku_q4_k matvec_sg_q4_k.comp DEFINES TYPE_Q4_K X_UNIFORM)
veloce_shader(matvec_sgku_q5_k matvec_sg_q4_k.comp DEFINES TYPE_Q5_K X_UNIFORM)
veloce_shader(matvec_sgku_q6_k matvec_sg_q6_k.comp DEFINES X_UNIFORM)
# Q6_K repacked at upload on CPU devices (inference/vulkan/q6k_pack.h).
veloce_shader(matvec_sgkp_q6_k matvec_sg_q6_k.comp DEFINES PACKED)
veloce_shader(matvec_sgkpu_q6_k matvec_sg_q6_k.comp DEFINES PACKED X_UNIFORM)
veloce_shader(rms_norm rms_norm.comp)
veloce_shader(rope_neox rope_neox.comp)
veloce_shader(kv_write kv_write.comp)
veloce_shader(attention attention.comp)
veloce_shader(attention_q8 attention.comp DEFINES KV_Q8=1)
veloce_shader(attention_grouped_q8 attention_grouped.comp DEFINES KV_Q8=1)
veloce_shader(kv_write_q8 kv_write_q8.comp)
veloce_shader(attention_grouped attention_grouped.comp)
veloce_shader(attention_combine attention_combine.comp)
veloce_shader(swiglu swiglu.comp)
veloce_shader(add add.comp)
veloce_shader(copy_bandwidth copy_bandwidth.comp)
# The arithmetic peak for `veloce-cli bench` (inference/vulkan/flops_peak.h).
veloce_shader(fma_peak_f32 fma_peak.comp)
veloce_shader(fma_peak_f16 fma_peak.comp DEFINES FP16)
# GPU top-k of a token's logits (inference/vulkan/top_k.h): the first stage reads logits, later ones pairs.
veloce_shader(top_k_first top_k.comp DEFINES FIRST)
veloce_shader(top_k_merge top_k.comp)
# Greedy (k = 1) selection: one reduction, a record per slice (inference/vulkan/argmax.h).
veloce_shader(argmax argmax.comp)
# Fused steps of the forward pass (inference/vulkan/fused_ops.h).
veloce_shader(add_rms_norm add_rms_norm.comp)
veloce_shader(rope_kv_write rope_kv_write.comp)
veloce_shader(rope_kv_write_q8 rope_kv_write.comp DEFINES KV_Q8)
